"""Words for the demonstration data: agencies, names, and the stuff of partnership minutes."""

from __future__ import annotations

AGENCIES = [
    ("Essex Police", "EP", "Police"),
    ("Essex County Council", "ECC", "County council"),
    ("Basildon Borough Council", "BBC", "District council"),
    ("Chelmsford City Council", "CCC", "District council"),
    ("Colchester City Council", "CoCC", "District council"),
    ("Southend-on-Sea City Council", "SCC", "Unitary council"),
    ("Thurrock Council", "TC", "Unitary council"),
    ("Essex County Fire and Rescue Service", "ECFRS", "Fire"),
    ("NHS Mid and South Essex", "MSE ICB", "Health"),
    ("Probation Service (East of England)", "PS", "Probation"),
    ("Office of the Police, Fire and Crime Commissioner", "PFCC", "Commissioner"),
    ("Essex Youth Justice Service", "YJS", "Youth justice"),
    ("Safer Places", "SP", "Charity"),
    ("Victim Support", "VS", "Charity"),
    ("Essex Schools Partnership", "ESP", "Education"),
]

FIRST_NAMES = [
    "Sarah", "James", "Priya", "Tom", "Aisha", "David", "Emma", "Mohammed", "Claire", "Gareth", "Siobhán",
    "Łukasz", "Zoë", "Chidi", "Helen", "Ravi", "Karen", "Seán", "Chloé", "Mark", "Agnieszka", "Oliver",
    "Fatima", "Rhys", "Lucy", "Tomáš", "Niamh", "Daniel", "Grace", "Kwame",
]
LAST_NAMES = [
    "Wójcik", "Dvořák", "Smith", "Patel", "O'Connor", "Jones", "Khan", "Williams", "Brown", "Taylor", "Nowak",
    "Müller", "Okafor", "Davies", "Evans", "Ó Briain", "Thompson", "Clarke", "Hughes", "Ahmed", "Wright",
    "Novák", "Kowalski", "Begum", "Green", "Roberts", "Fernández", "Hall", "Lewis", "Walker",
]
ROLES = [
    "Detective Inspector", "Chief Inspector", "Community Safety Manager", "Head of Service", "Service Manager",
    "Partnership Officer", "Safeguarding Lead", "Station Commander", "Designated Nurse", "Senior Probation Officer",
    "Policy Officer", "Team Manager", "Operations Manager", "Analyst", "Commissioning Manager",
]

VERBS = [
    "Review", "Circulate", "Map", "Report on", "Agree", "Draft", "Commission", "Scope", "Share", "Audit",
    "Present", "Update", "Develop", "Confirm", "Arrange",
]
OBJECTS = [
    "repeat victim referrals", "the MARAT case list", "knife crime hot-spot data", "licensed premises checks",
    "the night-time economy tasking plan", "county lines intelligence", "hate crime reporting centres",
    "the domestic abuse needs assessment", "burglary prevention leaflets", "school engagement sessions",
    "the safeguarding training offer", "third party reporting figures", "the Prevent referral pathway",
    "fraud awareness for small businesses", "ASB case reviews", "the partnership data-sharing agreement",
    "Designing Out Crime advice", "the offender management cohort", "the serious violence duty plan",
    "CCTV coverage in the town centre", "the community trigger process", "victim feedback survey results",
    "the exploitation risk panel terms of reference", "funding bids to the PFCC", "the strategic assessment",
]
QUALIFIERS = [
    "with partners", "before the next meeting", "for the board", "across all districts", "with the hub",
    "and report back", "with the licensing team", "for the summer campaign", "with schools and colleges",
    "to the strategic board", "and identify gaps", "with the voluntary sector",
]

UPDATES = [
    "Work under way; first draft shared with partners.",
    "Meeting held with leads; actions agreed.",
    "Delayed by staff absence; revised date proposed.",
    "Data received from two of three partners.",
    "Complete: circulated with the minutes.",
    "Awaiting sign-off from the head of service.",
    "Verbal update given at the meeting; on track.",
    "Funding confirmed; delivery starts next month.",
    "Partner consultation closes at the end of the month.",
    "Raised at the strategic board; response awaited.",
]

NEW_BUSINESS = [
    ("Performance report: quarter {q}", "information"),
    ("Serious violence duty: strategic needs assessment", "discussion"),
    ("Night-time economy summer plan", "decision"),
    ("Domestic homicide review: learning", "discussion"),
    ("Hate crime awareness week", "decision"),
    ("Funding: PFCC community safety fund", "decision"),
    ("Exploitation and county lines update", "information"),
    ("Anti-social behaviour hot-spots", "discussion"),
    ("Partnership data-sharing agreement review", "decision"),
    ("Burglary prevention campaign", "information"),
]

NOTES = [
    "The chair welcomed members. {n} partners reported progress against the plan; discussion focused on "
    "repeat victims and the quality of referrals.",
    "Members noted the report. The analyst highlighted a rise in incidents in the town centre on Friday and "
    "Saturday nights; partners agreed to review patrol and CCTV coverage.",
    "Discussion of the paper. Concerns were raised about capacity in the voluntary sector; the PFCC "
    "representative offered to raise this with commissioners.",
    "The presenter took members through the findings. Members asked for the data to be broken down by "
    "district for the next meeting.",
]

DECISIONS = [
    "The partnership approved the plan as presented.",
    "Members agreed to fund the campaign from the community safety budget.",
    "The board endorsed the terms of reference, subject to the amendments noted.",
    "It was agreed to escalate the capacity risk to the strategic board.",
    "The partnership agreed to adopt the data-sharing agreement.",
]

VENUES = [
    "Committee Room 1, Civic Centre", "Essex Police HQ, Chelmsford", "Council Chamber, Town Hall",
    "Microsoft Teams", "Conference Room B, County Hall",
]
