/* The analyse page: POST the text to /api/analyze and show the record in the reader view. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("analyze-form");
  const status = document.getElementById("status");
  const result = document.getElementById("result");
  const button = document.getElementById("analyze-button");

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      text: document.getElementById("text").value,
      title: document.getElementById("title").value.trim() || null,
      published: document.getElementById("published").value.trim() || null,
      store: document.getElementById("store").checked,
    };
    button.disabled = true;
    NG.message(status, "Analysing… (the first request loads the language model)", "busy");
    NG.clear(result);
    try {
      const [record, codes] = await Promise.all([
        NG.api("/api/analyze", null, {method: "POST", headers: {"Content-Type": "application/json",
          Accept: "application/json"}, body: JSON.stringify(body)}),
        NG.cameo()]);
      NG.clear(status);
      if (body.store) {
        status.appendChild(NG.h("p", {class: "message"}, "Stored: ",
          NG.h("a", {href: NG.docUrl(record.document.id)}, "open the article's page")));
      }
      Reader.render(result, record, codes);
    } catch (err) {
      NG.message(status, `Could not analyse the text: ${err.message}`, "error");
    } finally {
      button.disabled = false;
      document.body.setAttribute("data-ready", "1");
    }
  });
});
