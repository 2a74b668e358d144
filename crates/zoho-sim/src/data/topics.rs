//! Word lists the demo data is drawn from. Plain data, kept apart from the generator.

pub const FIRST_NAMES: &[&str] = &[
    "Avery", "Priya", "Mateo", "Hannah", "Kenji", "Amara", "Lukas", "Sofia", "Arjun", "Chloe",
    "Tomasz", "Leila", "Oliver", "Yuki", "Fatima", "Noah", "Ingrid", "Rahul", "Camila", "Ethan",
    "Mei", "Jonas", "Aisha", "Diego",
];

pub const LAST_NAMES: &[&str] = &[
    "Lindqvist",
    "Raman",
    "Fernandez",
    "Okafor",
    "Tanaka",
    "Novak",
    "Becker",
    "Rossi",
    "Iyer",
    "Dubois",
    "Kowalski",
    "Haddad",
    "Walsh",
    "Sato",
    "Khan",
    "Silva",
    "Berg",
    "Mehta",
    "Lopez",
    "Nguyen",
    "Schmidt",
    "Costa",
    "Murphy",
    "Park",
];

pub const ORG_NAMES: &[&str] = &[
    "Zylker Analytics",
    "Northwind Robotics",
    "Bluepeak Logistics",
    "Lumen Health Labs",
    "Cedar & Finch Design",
];

pub const EXTERNAL_DOMAINS: &[&str] = &[
    "example.com",
    "contoso.example",
    "fabrikam.example",
    "globex.example",
];

/// Teams a meeting belongs to; combined with a topic pattern.
pub const TEAMS: &[&str] = &[
    "Platform",
    "Design",
    "Marketing",
    "Sales",
    "Customer Success",
    "Finance",
    "Mobile",
    "Data",
    "Security",
    "Hiring",
    "Support",
    "Growth",
];

/// `{team}` is replaced with a team name.
pub const MEETING_TOPICS: &[&str] = &[
    "{team} weekly sync",
    "{team} sprint planning",
    "{team} retrospective",
    "Quarterly business review: {team}",
    "{team} roadmap deep dive",
    "1:1 check-in",
    "Incident review: {team}",
    "Customer onboarding call",
    "Vendor evaluation",
    "{team} hiring debrief",
    "Budget review with {team}",
    "Architecture review",
    "Design critique",
    "Product demo for {team}",
    "Monthly all-hands",
];

pub const WEBINAR_TOPICS: &[&str] = &[
    "What's new in {team}: spring release",
    "Live Q&A with the {team} team",
    "Getting started with workflow automation",
    "Best practices for remote onboarding",
    "Security essentials for growing teams",
    "Customer story: scaling support with {team}",
    "Year-in-review: {team} highlights",
    "Hands-on workshop: dashboards in 30 minutes",
];

pub const AGENDAS: &[&str] = &[
    "1. Status updates\n2. Blockers\n3. Decisions needed",
    "Review last sprint's outcomes, agree on priorities for the next two weeks.",
    "Walk through the proposal, collect feedback, assign owners for follow-ups.",
    "Numbers first, then open discussion. Please read the shared doc beforehand.",
    "Introductions, goals for the quarter, timeline and next steps.",
    "Demo of the latest build followed by Q&A.",
    "",
];

/// Zones meetings are scheduled in; the alias `Asia/Calcutta` is used as the docs do.
pub const TIME_ZONES: &[&str] = &[
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Calcutta",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Asia/Dubai",
];

/// Meeting lengths in minutes.
pub const DURATIONS_MIN: &[i64] = &[15, 30, 30, 45, 60, 60, 90];
