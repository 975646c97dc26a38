"""Sense guards and agentless events on real sentences (PolNeAR dev, IndiaPoliceEvents, PLOVER tune split)."""
from __future__ import annotations

import pytest


def _events(record):
    actors = {a.id: a for a in record.actors}
    return [(e.plover, actors[e.source].code if e.source else None, actors[e.target].code if e.target else None)
            for e in record.events if not e.negated]


@pytest.mark.parametrize("text", [
    # verbal attacks are criticism, never ASSAULT
    "The truth, the senator said then, was that Trump had personally attacked his wife, Heidi, and his father, Rafael.",
    "He attacked other candidates on stage for accepting his personal donations.",
    "Trump has attacked loopholes that benefit others, and has called for eliminating the tax treatment of so-called "
    "carried interest.",
    # sport
    "(read story) hockey nightmare india slipped further in the 10th world cup hockey, when england beat them 3-2, "
    "almost extinguishing any hopes the team had of finishing in the top six.",
    # an office held
    "state president ram sharan das later said shastri had undermined the office of the governor and was not fit to "
    "occupy the post currently held by him.",
    "She occupies one of the key positions of power in Washington as the attorney general.",
])
def test_events_guards_no_material_conflict(analyze_text, text):
    found = _events(analyze_text(text))
    assert not [e for e in found if e[0] in ("ASSAULT", "COERCE")], found


@pytest.mark.parametrize("text, plover", [
    ("Schiff said it is clear that computer hacking of the Democratic National Committee can be traced to the "
     "Russian government or hackers sanctioned by it.", "SANCTION"),
    ("The statement noted they had previously said they would take further significant measures if North Korea "
     "conducted another test.", "MOBILIZE"),
    ("When asked about the reasons behind the decision, the official said Washington would not change course.",
     "REQUEST"),
])
def test_events_guards_descriptions_conditions_questions_are_no_events(analyze_text, text, plover):
    found = _events(analyze_text(text))
    assert not [e for e in found if e[0] == plover], found


@pytest.mark.parametrize("text, target", [
    ("A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier and wounded two others, the "
     "military said.", "USAMIL"),
    ("Three US servicemen were killed by an improvised explosive device outside of the Iraqi city of Basra.", "USAMIL"),
])
def test_events_agentless_attacks_have_no_source(analyze_text, text, target):
    found = _events(analyze_text(text))
    assert ("ASSAULT", None, target) in found, found


@pytest.mark.parametrize("text", [
    # background in a relative clause is not the sentence's event
    "Serbia lifted a night curfew in Montenegro where 28 people have been killed in ethnic riots this year.",
    # a denied killing
    "Police said no one was killed in the clashes.",
])
def test_events_agentless_only_for_reported_acts(analyze_text, text):
    found = _events(analyze_text(text))
    assert not [e for e in found if e[0] == "ASSAULT" and e[1] is None], found


def test_events_physical_attack_stays_assault(analyze_text):
    found = _events(analyze_text("Israeli helicopters and tanks shelled positions of the Palestinian security forces."))
    assert any(e[0] == "ASSAULT" for e in found), found


# IndiaPoliceEvents (Times of India, 2002): an arrest whose agent the text does not name is the authorities';
# an agent the text names but no actor resolves is not ("he charged", "some countries banned")
@pytest.mark.parametrize("text, sector", [
    ("earlier, over 50 persons were arrested following vigorous combing operation.", "COP"),
    ('"we have arrested five persons so far," the commissioner said.', "COP"),
    # recovered by the classifier: the event is read at the word the lexicon reads as COERCE, not the root
    ("the total number of persons arrested in the state in the last four days has gone up to 1587.", "COP"),
])
def test_events_unnamed_arrester_is_the_police(analyze_text, text, sector):
    record = analyze_text(text)
    sectors = {a.id: a.sector for a in record.actors}
    assert any(e.plover == "COERCE" and sectors.get(e.source) == sector for e in record.events)


@pytest.mark.parametrize("text", [
    "some countries in europe have outright banned gm crops.",
    "the disputed land belongs to us, he claimed and charged the vhp with politicising the ram temple issue.",
    "talking to newspersons here on saturday, local vhp leaders said that they had booked various dharamshalas "
    "for ram sevaks arriving here from different parts of the country.",
])
def test_events_named_but_unresolved_agent_is_not_the_police(analyze_text, text):
    record = analyze_text(text)
    sectors = {a.id: a.sector for a in record.actors}
    assert not [e for e in record.events if sectors.get(e.source) == "COP"]


@pytest.mark.parametrize("text, expected, absent", [
    # coordinated parties to a joint act act on each other; a place they meet in is no party
    ("Israel and Hamas signed a ceasefire agreement on Monday.",
     {("SUPPORT", "ISRGOV", "PSEREBHAM"), ("SUPPORT", "PSEREBHAM", "ISRGOV")}, set()),
    ("Russia and China held talks in Moscow.",
     {("CONSULT", "RUSGOV", "CHNGOV"), ("CONSULT", "CHNGOV", "RUSGOV")}, set()),
    # two nationalities on one noun are two bodies
    ("Indian and Pakistani troops clashed along the border.",
     {("ASSAULT", "INDMIL", "PAKMIL"), ("ASSAULT", "PAKMIL", "INDMIL")}, set()),
    # a one-sided act is not made mutual: both give to the third party, not to each other
    ("France and Germany sent aid to Ukraine.", {("AID", "FRAGOV", "UKR"), ("AID", "DEUGOV", "UKR")},
     {("AID", "FRAGOV", "DEUGOV"), ("AID", "DEUGOV", "FRAGOV")}),
])
def test_events_mutual_acts_of_coordinated_parties(analyze_text, text, expected, absent):
    found = set(_events(analyze_text(text)))
    assert expected <= found, found
    assert not absent & found, found


@pytest.mark.parametrize("text", [
    # a condition of the body
    "dr dalal had suffered a cardiac arrest only a fortnight back.",
    # acts asked for, ordered, feared or purposed, whose doer the text does not name, are not the police's
    "the meeting also demanded a ban on vhp and bajrang dal and arrest of its leaders under the national security act.",
    "section 144 has been re-imposed with specific orders to arrest anyone violating prohibitory orders.",
    "rumours are that saffron leaders might be put under house arrest, if need be.",
])
def test_events_unrealised_or_medical_acts_are_no_police_events(analyze_text, text):
    found = _events(analyze_text(text))
    assert not [e for e in found if e[0] in ("ASSAULT", "COERCE")], found


@pytest.mark.parametrize("text, expected", [
    # an act that happened, with no agent named, is the authorities'
    ("50 persons were arrested on tuesday.", ("COERCE", "COP", None)),
    # the noun a participle describes does it
    ("an official spokesman said 40 of these deaths have taken place due to police firing on violent mobs.",
     ("ASSAULT", "COP", "CVL")),
    # an infinitive that completes an adjective reports a deed ("were lucky to arrest"), unlike one of purpose
    ('"we were lucky to arrest the accomplice," the police officer said.', ("COERCE", "COP", None)),
    # the one forced to act acts
    ("the police was forced to lathicharge at first and then fire teargas in the air to disperse the mob.",
     ("ASSAULT", "COP", "CVL")),
    # a clause with its own subject names the act an agentless passive leaves unnamed
    ("one person was killed when the police fired 15 rounds in santrampur on monday afternoon.",
     ("ASSAULT", "COP", None)),
    # a show of force's own forces are no target; the war it is for is aimed at one
    ("Britain mobilized army reservists for a possible war against Iraq on Tuesday.", ("MOBILIZE", "GBRGOV", "IRQ")),
])
def test_events_agents_through_grammar(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


@pytest.mark.parametrize("text, expected", [
    # protest vocabulary: hyphenated nouns, South Asian forms, crowds the text only counts
    ("Hundreds of farmers staged a sit-in outside the district office on Monday.", ("PROTEST", "AGR", None)),
    ("Traders observed a shutdown in the town against the new tax.", ("PROTEST", "BUS", None)),
    ("Villagers gheraoed the police station.", ("PROTEST", "CVL", "COP")),
    ("Thousands demonstrated against the government in Caracas.", ("PROTEST", None, "VENGOV")),
    # territory retaken is an occupation (CAMEO 192), fighting in PLOVER (ASSAULT)
    ("Government forces recaptured the town from rebels.", ("ASSAULT", "MIL", "REB")),
    # "was gang-raped" parses as "was" + adjective: still a passive, its subject the victim, no agent named
    ("A girl was gang-raped in the district.", ("ASSAULT", None, "CVL")),
    # property destroyed by someone the text does not name
    ("Unknown men vandalised a church in the town.", ("ASSAULT", None, "REL")),
    # a place the act happened in is not its author; an act it happened in is
    ("Several houses were torched in the village on Monday.", ("ASSAULT", None, "CVL")),
    ("how many people were killed in police firing in ahmedabad, he asked.", ("ASSAULT", "INDCOP", "INDCVL")),
])
def test_events_protest_territory_and_agentless_acts(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


@pytest.mark.parametrize("text", [
    "Thousands of dollars were lost.",  # a number of things is no crowd
    "The minister was pleased with the result.",  # "was" + participle that is no act
])
def test_events_crowds_and_copulas_without_acts(analyze_text, text):
    assert _events(analyze_text(text)) == []


@pytest.mark.parametrize("text, expected", [
    # a force named after its town is the country's police, placed like "the police"
    ("Kolkata Police arrested two men on Monday.", ("COERCE", "COP", None)),
    # a participle reporting violence done to the noun it follows, its act named, is an event
    ("advani said the majority of people killed in police firing belonged to majority community.",
     ("ASSAULT", "COP", "CVL")),
    # arrested "from" a place: the place is no agent, so the authorities are implied
    ("about 50 ram sevaks were apprehended from the majha area on monday.", ("COERCE", "COP", None)),
])
def test_events_reduced_passives_and_named_forces(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


@pytest.mark.parametrize("text, plover", [
    ("Hackers sanctioned by the Treasury stole data.", "SANCTION"),
    # victims of an act no one is named for are the story's background, as in a relative clause
    ("compensation will be paid to the families of those killed in the riots.", "ASSAULT"),
])
def test_events_describing_participles_stay_no_events(analyze_text, text, plover):
    assert not [e for e in _events(analyze_text(text)) if e[0] == plover]


@pytest.mark.parametrize("text, expected", [
    # a crowd's violence is a riot (CAMEO 145, PLOVER PROTEST 'riot'), whoever it is aimed at
    ("A mob torched several houses in the village.", "PROTEST"),
    ("Protesters clashed with police in the capital.", "PROTEST"),
    ("Rioters pelted stones at the police.", "PROTEST"),
    # the same violence by anyone else keeps its code
    ("Police clashed with protesters in the capital.", "ASSAULT"),
    ("Unidentified gunmen burned down a school.", "ASSAULT"),
])
def test_events_a_crowds_violence_is_a_riot(analyze_text, text, expected):
    types = {e[0] for e in _events(analyze_text(text))}
    assert expected in types and not types - {expected}, types


@pytest.mark.parametrize("text, expected", [
    # forces arriving are deployed, peacekeepers keep peace; a person arriving visits
    ("US troops arrived in Poland on Monday.", "MOBILIZE"),
    ("UN peacekeepers arrived in Goma.", "AID"),
    ("Blinken arrived in Cairo on Monday.", "CONSULT"),
])
def test_events_arrivals_of_forces_are_no_visits(analyze_text, text, expected):
    assert {e[0] for e in _events(analyze_text(text))} == {expected}


@pytest.mark.parametrize("text, expected", [
    # what a passive acts on stands before it
    ("two men were picked up by the police.", ("COERCE", "COP", None)),
    ("New sanctions were imposed on Iran by the EU.", ("SANCTION", "IGOEEC", "IRN")),
    # an act whose only named party is its implied author has no target, and is still an event
    ("he was taken into police custody.", ("COERCE", "COP", None)),
])
def test_events_passive_objects_and_implied_authors(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


def test_events_picking_up_a_thing_is_no_arrest(analyze_text):
    found = _events(analyze_text("She picked up the phone and called the minister."))
    assert not [e for e in found if e[0] == "COERCE"], found


@pytest.mark.parametrize("text, expected", [
    # a definite act named before is by the author it was named with
    ("police fired on the mob in vatva on monday. three persons were injured in the firing, officials said.",
     ("ASSAULT", "COP", None)),
    ("Militants attacked a bus on Monday. Police said the attack killed five people.", ("ASSAULT", "REB", "CVL")),
])
def test_events_a_definite_act_keeps_its_earlier_author(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


def test_events_an_indefinite_act_takes_no_earlier_author(analyze_text):
    found = _events(analyze_text("Militants attacked a bus on Monday. On Tuesday an attack killed five people."))
    assert ("ASSAULT", None, "CVL") in found and ("ASSAULT", "REB", "CVL") not in found, found


@pytest.mark.parametrize("text, expected", [
    # "fire" with no object is shooting; crowd control needs no named agent: only the police lob tear gas
    ("Troops fired into the crowd outside the palace.", ("ASSAULT", "MIL", None)),
    ("Tear gas shells were lobbed at the protesters in the square.", ("ASSAULT", "COP", "OPP")),
    ("Gunmen hurled petrol bombs at the bus.", ("ASSAULT", "UAF", None)),
    ("Twenty men were booked under the anti-terror law.", ("COERCE", "COP", None)),
    ("He was picked up from his residence on Monday.", ("COERCE", "COP", None)),
    ("Several shops were damaged in the town on Monday.", ("ASSAULT", None, None)),  # property, no agent named
    # the author named before the act's noun, however the model attaches it
    ("Five villagers were injured in army firing near the border.", ("ASSAULT", "MIL", "CVL")),
    # a clause with its own subject reports its own act when both are violence
    ("While six people were injured in police firing, two were killed by the rioters.", ("ASSAULT", "COP", "CVL")),
    # an indirect question asks about an act, it does not ask for one
    ("Reporters asked how many people had been killed in the army shelling.", ("ASSAULT", "MIL", "CVL")),
    # a pattern's noun is the verb's object, not any noun after it
    ("Rebels took control of the town on Sunday.", ("ASSAULT", "REB", None)),
    # event nouns reported as happening, with no one named
    ("Riots broke out in the city after the verdict.", ("PROTEST", None, None)),
    ("Clashes erupted in the capital on Friday.", ("ASSAULT", None, None)),
    # a crowd named through "of" riots; workers strike, they do not attack
    ("A group of rioters began looting shops.", ("PROTEST", "OPP", None)),
    ("Workers struck for a second day at the port.", ("PROTEST", "LAB", None)),
    ("Teachers in tiny Micronesia launched a wildcat general strike on Monday.", ("PROTEST", "FSMEDU", None)),
    # a purpose clause on the support verb names whom the protest is aimed at
    ("Islamic fundamentalists continued their hunger strike to demand the resignation of Algerian President Ahmed "
     "Ben Bella.", ("PROTEST", None, "DZAGOV")),
    # protesters who gather demonstrate, in a relative clause too
    ("Hundreds of protesters gathered outside the ministry on Monday.", ("PROTEST", "OPP", None)),
    ("Russia pulled out its troops from the region.", ("RETREAT", "RUSGOV", None)),
    # territory handed over or ceded is a retreat (PLOVER RETREAT 'withdraw'); power handed over a concession
    ("Rebels handed over the town to government forces on Monday.", ("RETREAT", "REB", "MIL")),
    # the things protest is done with: slogans, placards, an effigy burnt (a protest, not property destroyed)
    ("Farmers shouted slogans against the government outside the collectorate.", ("PROTEST", "AGR", "GOV")),
    ("Students burnt an effigy of the chief minister.", ("PROTEST", "EDU", "GOV")),
    # what an act defies under "despite" is its target
    ("The minister refused to resign despite pressure from the opposition party.", ("REJECT", "GOV", "OPP")),
    # the setting of an act took place: a demonstration during which the police fired tear gas
    ("Police fired tear gas during a demonstration against the new law.", ("PROTEST", None, None)),
    ("The president handed over power to the army.", ("CONCEDE", "GOV", None)),
    ("Police dispersed demonstrators who had assembled near the palace.", ("PROTEST", "OPP", None)),
])
def test_events_shooting_crowd_control_and_reported_occurrences(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


@pytest.mark.parametrize("text, absent", [
    ("The president fired his defence minister on Monday.", "ASSAULT"),  # dismissal; "on Monday" is no target
    ("The spokesman was fired after the scandal.", "ASSAULT"),
    ("The meeting took place in the captured town.", "ASSAULT"),  # "take place" is no seizure
    ("He took exception to the minister's remarks.", "ASSAULT"),
    ("Protests may erupt if the law passes.", "PROTEST"),  # an occurrence only feared
    ("He asked whether the talks would resume.", "REQUEST"),
    ("The minister cancelled his visit after a state of emergency was declared.", "COERCE"),  # background
    ("The United States struck targets in Syria.", "PROTEST"),  # an attack, not a labour strike
    ("Officials gathered in Geneva for talks.", "PROTEST"),  # a gathering of no protest's crowd
    ("Rescuers pulled out eight more bodies from the debris.", "RETREAT"),  # things pulled out, no forces
    ("Police may use force during the protest.", "PROTEST"),  # the setting of an act only foreseen
    ("The scandal damaged his credibility.", "ASSAULT"),  # damage to no property
])
def test_events_no_shooting_seizure_or_occurrence_where_none_is_reported(analyze_text, text, absent):
    assert absent not in [e[0] for e in _events(analyze_text(text))]


def test_events_a_setting_of_the_same_kind_names_the_act_again(analyze_text):
    found = _events(analyze_text("Rebels killed three soldiers during an attack on the base."))
    assert [e for e in found if e[0] == "ASSAULT"] == [("ASSAULT", "REB", "MIL")]


@pytest.mark.parametrize("text, expected, absent", [
    # violence by those the sentence has protesting is a riot; the police's answer to a protest is not
    ("Students marched to the ministry and threw petrol bombs at the police.", ("PROTEST", "EDU", "COP"),
     ("ASSAULT", "EDU", "COP")),
    ("Police fired tear gas at the protesters who marched on parliament.", ("ASSAULT", "COP", "OPP"),
     ("PROTEST", "COP", "OPP")),
])
def test_events_protesters_violence_is_a_riot(analyze_text, text, expected, absent):
    found = _events(analyze_text(text))
    assert expected in found and absent not in found


@pytest.mark.parametrize("text, expected", [
    # an act named twice in a sentence is one event; the naming without the victims says less
    ("Police arrested at least 100 people and made several more arrests, officials said.",
     [("COERCE", "COP", "CVL")]),
    ("The rioters burned a white van and threw stones at the police.", [("PROTEST", "OPP", "COP")]),
    # different actors are different acts, and a mutual act stays one event each way
    ("Israel and Hamas signed a ceasefire.", [("SUPPORT", "ISRGOV", "PSEREBHAM"), ("SUPPORT", "PSEREBHAM", "ISRGOV")]),
    ("Police arrested five protesters in Delhi and the army detained two journalists.",
     [("COERCE", "INDCOP", "OPP"), ("COERCE", "MIL", "MED")]),
])
def test_events_one_per_act_in_a_sentence(analyze_text, text, expected):
    assert _events(analyze_text(text)) == expected


@pytest.mark.parametrize("text", [
    "Customers at a variety of Montserrat banks have been hit by the outage.",
    "Seven pilgrims were injured in a stampede at the temple on Sunday.",
    "Two people died and five were injured in a car crash near Patna.",
    "The storm hit coastal villages, killing at least 12 people.",
])
def test_events_harm_from_nature_or_accident_is_no_act(analyze_text, text):
    assert not [e for e in _events(analyze_text(text)) if e[0] == "ASSAULT"], _events(analyze_text(text))


@pytest.mark.parametrize("text, expected", [
    # a named doer's act stays the doer's whatever the setting; a weapon is no natural cause
    ("Police fired at protesters in Assam during the floods.", ("ASSAULT", "COP", "INDOPP")),
    ("Three soldiers were killed by a roadside bomb.", ("ASSAULT", None, "MIL")),
])
def test_events_harm_with_a_doer_is_an_act_in_any_setting(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


@pytest.mark.parametrize("text, expected", [
    # harm with no doer beside violence with one is that violence's result: one event, the harmed its target
    ("Gunmen attacked the offices of the newspaper, killing 18 people.", [("ASSAULT", "UAF", "MED")]),
    ("Soldiers opened fire on the crowd and three civilians were killed.", [("ASSAULT", "MIL", "CVL")]),
    ("Protesters threw rocks at the police and dozens of people were injured.", [("PROTEST", "OPP", "COP")]),
    # ... but not beside an act that harms no one
    ("Three civilians were killed in the village and police arrested two men.",
     [("ASSAULT", None, "CVL"), ("COERCE", "COP", None)]),
])
def test_events_unattributed_harm_beside_named_violence_is_its_result(analyze_text, text, expected):
    assert _events(analyze_text(text)) == expected


@pytest.mark.parametrize("text, absent", [
    # what an appeal or proposal asks for has not happened, and is not the rejecter's act
    ("Beirut again rejected Thursday a United Nations appeal for deploying army troops along its borders with "
     "Israel.", "MOBILIZE"),
    ("Bangladesh has once again outright rejected an Indian proposal for signing Free Trade Agreement (FTA) with her.",
     "SUPPORT"),
    # the act someone is arrested for is not the police's
    ("Police arrested two men for killing a shopkeeper.", "ASSAULT"),
])
def test_events_asked_for_or_judged_acts_are_not_the_actors(analyze_text, text, absent):
    found = _events(analyze_text(text))
    assert not [e for e in found if e[0] == absent], found


@pytest.mark.parametrize("text, expected", [
    ("The minister praised the army for rescuing the hostages.", ("AID", "MIL", None)),
    ("Police arrested him after raiding the house.", ("COERCE", "COP", None)),
])
def test_events_reason_gerund_is_the_objects_act(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


@pytest.mark.parametrize("text, plover", [
    ("The unions called a general strike for Monday.", "PROTEST"),
    # a strike by an armed force stays an attack
    ("Israeli jets launched a strike on Gaza on Tuesday.", "ASSAULT"),
])
def test_events_strike_labour_or_attack(analyze_text, text, plover):
    assert [e[0] for e in _events(analyze_text(text))] == [plover]


@pytest.mark.parametrize("text, cameo", [
    # a noun compounded before an event noun can make it another event: a hunger strike is CAMEO 142
    ("Jailed activists began a hunger strike on Monday.", "142"),
    ("The unions called a general strike.", "143"),
])
def test_events_compound_event_nouns(analyze_text, text, cameo):
    assert [e.cameo for e in analyze_text(text).events] == [cameo]


@pytest.mark.parametrize("text, expected", [
    # the one made to act acts, and the act made happened
    ("They started pelting stones, prompting the security personnel to open fire.", ("ASSAULT", "COP", None)),
    ("The mob attacked the station, forcing the police to open fire.", ("ASSAULT", "COP", None)),
    ("The protests forced the minister to resign.", ("RETREAT", "GOV", None)),
])
def test_events_made_to_act(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


@pytest.mark.parametrize("text, unexpected", [
    # an act asked for is not done, and a promise is the promiser's
    ("Britain urged Iran to release the sailors.", "RETREAT"),
    ("The US promised Israel to deliver more weapons.", ("AGREE", "ISR", None)),
])
def test_events_asked_or_promised_acts(analyze_text, text, unexpected):
    found = _events(analyze_text(text))
    assert unexpected not in found and unexpected not in [e[0] for e in found], found


@pytest.mark.parametrize("text, expected", [
    # lower-case text the model misparses: a participle with an object of its own is the noun's verb
    ("dharwad: police arrested over 50 bjp workers when the latter tried to block the traffic on navalur bridge near "
     "dharwad on thursday.", ("COERCE", "COP", "LAB")),
])
def test_events_lower_case_misparsed_verb(analyze_text, text, expected):
    assert expected in _events(analyze_text(text))


@pytest.mark.parametrize("text", [
    # a forecast or an instruction is no act the authorities did
    "So far the administration was lenient, but a statewide crackdown against them is likely from Tuesday onwards.",
    "instructions have been passed to detain or deport members of mandir nirman samit who are on their way.",
])
def test_events_authorities_not_implied_for_forecasts_and_instructions(analyze_text, text):
    assert not [e for e in _events(analyze_text(text)) if e[1] in ("COP", "INDCOP")], _events(analyze_text(text))


@pytest.mark.parametrize("text", [
    # an election won is no assault, words offered are no offer
    "Among voters making more than $100,000, Trump beats Clinton by four points, the poll found.",
    "The senator defeated the incumbent governor in the Democratic primary.",
    "Pat Caddell, offering analysis of the ongoing presidential election, said voters are worried.",
    "Among voters in a two-way race, Clinton leads Trump by 49 percent to 43 percent.",
    "Trump backed off some of his initial proposals.",
])
def test_events_elections_and_words_are_no_events(analyze_text, text):
    found = _events(analyze_text(text))
    assert not [e for e in found if e[0] in ("ASSAULT", "AGREE", "SUPPORT")], found


def test_events_police_beating_stays_an_assault(analyze_text):
    assert ("ASSAULT", "INDCOP", "OPP") in _events(analyze_text("Police beat protesters in Delhi before the election."))


@pytest.mark.parametrize("text, absent", [
    # a phrasal reading the lexicon writes as no event, and the classifier does not read it either
    ("A new ad from Donald Trump's campaign is seizing on the remarks.", None),
    # the press attacks in words
    ("The newspaper attacked the minister over the scandal.", "ASSAULT"),
])
def test_events_no_event_readings_and_press_attacks(analyze_text, text, absent):
    found = _events(analyze_text(text))
    assert (not found) if absent is None else absent not in [e[0] for e in found], found


@pytest.mark.parametrize("text, expected", [
    ("Bryant Rousseau and Caryn Wilson contributed reporting.", []),  # a byline credit
    ("Japan contributed 5 million dollars to the relief fund.", [("AID", "JPNGOV", None)]),
])
def test_events_contributions(analyze_text, text, expected):
    assert [e for e in _events(analyze_text(text)) if e[0] == "AID"] == expected


@pytest.mark.parametrize("text, expected", [
    # an appeal to or for someone or something is a request; a candidate's appeal is attractiveness
    ("Trump's anti-establishment appeal drew crowds in Ohio.", []),
    ("Iran made an appeal to the Security Council.", [("REQUEST", "IRNGOV", "IGOUNO")]),
])
def test_events_appeal_senses(analyze_text, text, expected):
    assert [e for e in _events(analyze_text(text)) if e[0] == "REQUEST"] == expected


@pytest.mark.parametrize("text, expected", [
    # placed, put or kept under arrest, behind bars or under siege: the verb's subject acts on its object
    ("The junta placed Suu Kyi under house arrest in 1989.", [("COERCE", "MIL", "")]),
    ("The government was putting them behind bars, he alleged.", [("COERCE", "GOV", None)]),
    ("Israel kept Gaza under siege for years.", [("COERCE", "ISRGOV", "PSE")]),
    # a state someone is in is no act
    ("Suu Kyi, who had spent 15 years under house arrest, visited the White House.", []),
    ("The town remained under curfew on Monday.", []),
])
def test_events_placed_under_and_states(analyze_text, text, expected):
    assert [e for e in _events(analyze_text(text)) if e[0] == "COERCE"] == expected
