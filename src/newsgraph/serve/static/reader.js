/* The article page, /documents/{id}: the stored record in the reader view. */
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const main = document.getElementById("main");
  const id = NG.pathKey();
  try {
    const [record, codes] = await Promise.all([NG.api(`/api/documents/${encodeURIComponent(id)}`), NG.cameo()]);
    document.title = `${record.document.title || "Article"} · newsgraph`;
    const view = Reader.render(main, record, codes);
    // #v3 or #q2 in the URL (links from the actor, network and search pages) focuses that item.
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted) view.focus(wanted);
    document.body.setAttribute("data-ready", "1");
  } catch (err) {
    NG.message(main, err.status === 404 ? `No article with id ${id}.` : `Could not load the article: ${err.message}`,
      "error");
    document.body.setAttribute("data-ready", "1");
  }
});
