//! Synthetic but realistic records, deterministic from a seed, for benchmarks.
//!
//! Shared by `examples/generate.rs` (which writes projects to disk) and `benches/pipeline.rs`
//! (which keeps them in memory): both include this file with `#[path]`. It uses only std,
//! chrono and the `respond` crate itself, and a tiny PRNG of its own (splitmix64), so the same
//! seed gives the same bytes on every machine.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};
use respond::date::MONTHS;

/// The day the benchmarks run "on" (`--today`); no generated response is dated after it.
pub(crate) const TODAY: (i32, u32, u32) = (2026, 11, 22);

/// splitmix64: small, fast, and good enough for test data.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed ^ 0x5EED_5EED_5EED_5EED_u64)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// One of `items`.
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const AREA: &str = "Northmoor";
const FORCE: &str = "Northmoor Constabulary";

const SUBJECTS: [&str; 24] = [
    "the force",
    "the constabulary",
    "HMICFRS",
    "the inspectorate",
    "officers and staff",
    "senior leaders",
    "the workforce",
    "neighbourhood teams",
    "the force control room",
    "call handlers",
    "first-line supervisors",
    "the professional standards department",
    "the counter-corruption unit",
    "the public protection unit",
    "the safeguarding hub",
    "response officers",
    "investigators",
    "the chief officer team",
    "the local criminal justice board",
    "partner agencies",
    "the Police and Crime Commissioner",
    "the force’s vetting unit",
    "the digital forensics unit",
    "the custody team",
];

const VERBS: [&str; 24] = [
    "has improved",
    "needs to improve",
    "understands",
    "has invested in",
    "continues to develop",
    "should review",
    "has established",
    "is good at managing",
    "has made progress in",
    "recognises the importance of",
    "has a clear focus on",
    "does not always prioritise",
    "has strengthened",
    "is working with partners on",
    "closely monitors",
    "has restructured",
    "was inconsistent in",
    "has introduced a new approach to",
    "regularly audits",
    "has a good understanding of",
    "should do more to improve",
    "is effective at",
    "has begun to evaluate",
    "has limited capacity for",
];

const OBJECTS: [&str; 40] = [
    "its response to vulnerable people",
    "the quality of crime recording",
    "the use of stop and search powers",
    "the management of registered sex offenders",
    "its approach to domestic abuse",
    "the supervision of investigations",
    "its digital forensic capability",
    "the wellbeing of its workforce",
    "the THRIVE risk assessment",
    "its neighbourhood policing model",
    "the use of body-worn video",
    "the external scrutiny of use of force",
    "outcomes for victims",
    "the safeguarding of children at risk",
    "the timeliness of its response to emergency calls",
    "the backlog of digital devices awaiting examination",
    "its understanding of demand",
    "the vetting of new recruits",
    "the management of intelligence",
    "the identification of repeat victims",
    "its work to tackle county lines",
    "the investigation of serious sexual offences",
    "the recording of anti-social behaviour",
    "the quality of case files submitted to the Crown Prosecution Service",
    "the use of out-of-court disposals",
    "the support given to victims of hate crime",
    "its approach to problem-solving",
    "the standard of its custody provision",
    "its response to missing children",
    "the protection of people at risk of modern slavery",
    "compliance with the Victims’ Code",
    "its response to violence against women and girls",
    "the handling of public complaints",
    "its counter-corruption capability",
    "the use of Clare’s Law disclosures",
    "the management of its estate and fleet",
    "its financial planning",
    "its workforce planning",
    "the diversity of its workforce",
    "the application of the Code of Ethics",
];

const TAILS: [&str; 20] = [
    "across all three territorial policing areas",
    "since the 2017 inspection",
    "in line with the Code of Ethics",
    "with its partner agencies",
    "to keep people safe",
    "in the force control room",
    "at the first point of contact",
    "within the public protection unit",
    "through its local focus hubs",
    "as part of its change programme",
    "in rural and coastal communities",
    "for the most vulnerable victims",
    "so that lessons are learned",
    "as a matter of priority",
    "in the way the public would expect",
    "through regular performance meetings",
    "and this is a positive step",
    "although more needs to be done",
    "and HMICFRS was pleased to see this",
    "at a time of rising demand",
];

const BULLETS: [&str; 18] = [
    "the force is good at preventing crime and tackling anti-social behaviour",
    "call handlers identify vulnerability at the first point of contact",
    "the quality of initial investigations has improved",
    "supervisors do not always review investigation plans",
    "the force understands the demand it faces now and in the future",
    "officers use body-worn video in most interactions with the public",
    "the backlog of digital devices is too large",
    "victims are not always updated on the progress of their case",
    "the force has a positive and inclusive culture",
    "the vetting unit does not have enough capacity",
    "neighbourhood teams are often taken away to cover response duties",
    "the force makes good use of Domestic Violence Protection Orders",
    "the use of force is recorded well and scrutinised externally",
    "risk assessments in custody are thorough",
    "the force needs to improve how it records crime",
    "there is a clear plan to recruit the additional officers funded by the uplift",
    "the welfare of officers and staff is a priority for leaders",
    "wanted and missing people are managed effectively",
];

const TOPICS: [&str; 28] = [
    "the police response to domestic abuse",
    "vetting, misconduct and misogyny in the police service",
    "the police response to burglary, robbery and other acquisitive crime",
    "child sexual exploitation",
    "the criminal justice system’s response to rape",
    "the police response to stalking and harassment",
    "county lines and the criminal exploitation of children",
    "counter-terrorism policing",
    "digital forensics",
    "the effectiveness of neighbourhood policing",
    "modern slavery and human trafficking",
    "online child sexual abuse",
    "serious and organised crime",
    "the use of stop and search",
    "the management of registered sex offenders",
    "fraud and cyber crime",
    "police wellbeing",
    "missing children",
    "anti-social behaviour",
    "hate crime",
    "violence against women and girls",
    "roads policing",
    "police contact management",
    "the disclosure of unused material",
    "victims’ services",
    "activism and impartiality in policing",
    "race and policing",
    "the police use of force",
];

const TYPES: [(&str, u32); 12] = [
    ("peel", 18),
    ("force-inspection", 12),
    ("national-thematic", 22),
    ("national-inspection", 10),
    ("spotlight", 6),
    ("joint-inspection", 10),
    ("custody", 6),
    ("revisit", 4),
    ("state-of-policing", 3),
    ("commissioned", 3),
    ("fire", 4),
    ("other", 2),
];

const OTHER_LABELS: [&str; 4] = [
    "Police and Crime Panel review",
    "Home Office review",
    "Independent Office for Police Conduct report",
    "Criminal Justice Joint Inspection note",
];

const ADDRESSEES: [&str; 8] = [
    "Chief constables",
    "The College of Policing",
    "The National Police Chiefs’ Council",
    "The Home Office",
    "Police and crime commissioners",
    "The force",
    "The Crown Prosecution Service",
    "Forces and their partners",
];

const ACTIONS: [&str; 14] = [
    "review and improve",
    "publish guidance on",
    "make sure that supervisors oversee",
    "introduce a plan to improve",
    "evaluate",
    "establish a consistent approach to",
    "make sure there is enough capacity for",
    "train all relevant officers and staff in",
    "work with partners to improve",
    "develop a performance framework for",
    "audit",
    "make sure the public can easily report concerns about",
    "address the backlog in",
    "improve the recording of",
];

/// Who answers for an item followed up.
const OWNERS: [&str; 12] = [
    "Deputy Chief Constable",
    "Assistant Chief Constable, Crime",
    "Assistant Chief Constable, Local Policing",
    "Head of Professional Standards",
    "Head of Equality, Diversity and Inclusion",
    "Force Crime Registrar",
    "Detective Superintendent, Public Protection",
    "Superintendent, Operational Support",
    "Head of Training",
    "Chief Executive of the Office",
    "Director of Finance",
    "Head of Contact Management",
];

/// What an `open` update says.
const OPEN_NOTES: [&str; 2] = [
    "Accepted; the owner is drawing up an action plan.",
    "Awaiting national guidance before work starts.",
];

/// What an `in-progress` update says was done.
const PROGRESS_NOTES: [&str; 6] = [
    "An action plan is agreed and owned by the Chief Officer Group.",
    "A working group has met and reported to the Public Accountability Conference.",
    "Training has begun; about half of the officers concerned have completed it.",
    "A new policy is in draft and with the staff associations for comment.",
    "An audit found good progress; the remaining actions are scheduled.",
    "The work is reported to the Police and Crime Panel each quarter.",
];

/// What a `complete` update says.
const COMPLETE_NOTES: [&str; 3] = [
    "The changes are in place and their effect is being measured.",
    "The force has published its revised procedure.",
    "An audit confirmed that every action is complete.",
];

/// Why an item was closed without being completed.
const SUPERSEDED_NOTES: [&str; 3] = [
    "Replaced by a recommendation of the next PEEL report.",
    "Taken into the force's improvement plan, which tracks it from now on.",
    "Overtaken by national guidance from the College of Policing.",
];
const NOT_ACCEPTED_NOTES: [&str; 3] = [
    "The force's own analysis does not support the change; the office has asked for it to be published.",
    "Addressed to national bodies; the force has no part in it.",
    "The cost is out of proportion to the benefit; the Commissioner has written to HMICFRS to say why.",
];

const FIRST_NAMES: [&str; 12] = [
    "Michelle", "Rob", "Peter", "Sarah", "David", "Helen", "Andrew", "Claire", "Mark", "Joanne",
    "Richard", "Amanda",
];
const LAST_NAMES: [&str; 12] = [
    "Skeer", "Carden", "McCall", "Allen", "Rowley", "Ashworth", "Hughes", "Thornton", "Walsh",
    "Bennett", "Kaur", "Okafor",
];

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/// How a date is written in a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateForm {
    /// `2023-08-25`
    Iso,
    /// `25/08/2023`
    Slash,
    /// `25 August 2023`
    Long,
    /// `25th August 2023`
    Ordinal,
}

/// A recommendation.
#[derive(Debug, Clone)]
pub(crate) struct Recommendation {
    pub(crate) number: String,
    pub(crate) title: Option<String>,
    pub(crate) text: String,
    pub(crate) addressed_to: Option<String>,
    pub(crate) target: Option<NaiveDate>,
    /// Whether the target is written as a month ("July 2027"), due at its end.
    pub(crate) target_month: bool,
    pub(crate) response: Option<String>,
    pub(crate) follow_up: FollowUp,
}

/// An area for improvement.
#[derive(Debug, Clone)]
pub(crate) struct Area {
    pub(crate) number: Option<String>,
    pub(crate) text: String,
    pub(crate) response: Option<String>,
    pub(crate) follow_up: FollowUp,
}

/// A cause of concern.
#[derive(Debug, Clone)]
pub(crate) struct Cause {
    pub(crate) text: String,
    pub(crate) recommendations: Vec<String>,
    pub(crate) follow_up: FollowUp,
}

/// Who answers for an item, and its progress updates, oldest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct FollowUp {
    pub(crate) owner: Option<&'static str>,
    pub(crate) progress: Vec<Update>,
}

/// One progress update.
#[derive(Debug, Clone)]
pub(crate) struct Update {
    pub(crate) on: NaiveDate,
    pub(crate) status: &'static str,
    pub(crate) note: Option<&'static str>,
}

/// One response.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub(crate) by: &'static str,
    pub(crate) heading: Option<String>,
    pub(crate) text: String,
    pub(crate) received: Option<NaiveDate>,
}

/// Whether and when the response was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Published {
    On(NaiveDate, DateForm),
    Undated,
    NotYet,
}

/// One generated record.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) reference: Option<String>,
    pub(crate) published: NaiveDate,
    pub(crate) published_form: DateForm,
    pub(crate) kind: &'static str,
    pub(crate) type_label: Option<String>,
    pub(crate) link: Option<String>,
    pub(crate) key_findings: String,
    pub(crate) recommendations_intro: Option<String>,
    pub(crate) recommendations: Vec<Recommendation>,
    pub(crate) areas_intro: Option<String>,
    pub(crate) areas: Vec<Area>,
    pub(crate) causes: Vec<Cause>,
    pub(crate) responses: Vec<Response>,
    pub(crate) chief_officer_comments_due: Option<NaiveDate>,
    pub(crate) response_published: Published,
    pub(crate) related: Vec<String>,
}

/// `data/office.yaml` of the generated projects (the shape of Cumbria's).
pub(crate) fn office_yaml() -> String {
    format!(
        "# A fictional office, generated for benchmarks (the shape of Cumbria's).\n\
         name: {AREA} Office of the Police, Fire and Crime Commissioner\n\
         area: {AREA}\n\
         force: {FORCE}\n\
         chief_officer: Chief Constable\n\
         commissioner:\n  \
           - from: 2012-11-22\n    \
             title: Police and Crime Commissioner\n    \
             short: PCC\n    \
             office: {AREA} Office of Police and Crime Commissioner\n  \
           - from: 2023-04-01\n    \
             title: Police, Fire and Crime Commissioner\n    \
             short: PFCC\n    \
             office: {AREA} Office of Police Fire and Crime Commissioner\n\
         fire_and_rescue:\n  \
           service: {AREA} Fire and Rescue Service\n  \
           chief_officer: Chief Fire Officer\n"
    )
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The benchmarks' today.
pub(crate) fn today() -> NaiveDate {
    ymd(TODAY.0, TODAY.1, TODAY.2)
}

fn ordinal(day: u32) -> &'static str {
    match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    }
}

/// A date written in one of the accepted forms.
pub(crate) fn format_date(date: NaiveDate, form: DateForm) -> String {
    let month = MONTHS[date.month0() as usize];
    match form {
        DateForm::Iso => date.format("%Y-%m-%d").to_string(),
        DateForm::Slash => date.format("%d/%m/%Y").to_string(),
        DateForm::Long => respond::date::long(date),
        DateForm::Ordinal => format!(
            "{}{} {month} {}",
            date.day(),
            ordinal(date.day()),
            date.year()
        ),
    }
}

fn date_form(rng: &mut Rng) -> DateForm {
    match rng.below(10) {
        0..=3 => DateForm::Iso,
        4..=5 => DateForm::Slash,
        6..=7 => DateForm::Long,
        _ => DateForm::Ordinal,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Subjects that take a plural verb.
const PLURAL: [&str; 8] = [
    "officers and staff",
    "senior leaders",
    "neighbourhood teams",
    "call handlers",
    "first-line supervisors",
    "response officers",
    "investigators",
    "partner agencies",
];

/// "the force has improved", "investigators have improved": a subject and a verb that agree.
fn clause(rng: &mut Rng) -> String {
    let subject = rng.pick(&SUBJECTS);
    let verb = rng.pick(&VERBS);
    if !PLURAL.contains(&subject) {
        return format!("{subject} {verb}");
    }
    let mut words: Vec<String> = verb.split(' ').map(str::to_owned).collect();
    // The verb is the first word, or the second after an adverb ("closely monitors").
    let at = usize::from(words[0].ends_with("ly") && words.len() > 1);
    let plural = match words[at].as_str() {
        "has" => "have".to_owned(),
        "is" => "are".to_owned(),
        "was" => "were".to_owned(),
        "does" => "do".to_owned(),
        "should" => "should".to_owned(),
        word => word.strip_suffix('s').unwrap_or(word).to_owned(),
    };
    words[at] = plural;
    format!("{subject} {}", words.join(" "))
}

fn sentence(rng: &mut Rng) -> String {
    let subject_verb = clause(rng);
    let object = rng.pick(&OBJECTS);
    let text = match rng.below(6) {
        0 => format!(
            "{subject_verb} {object}, and {} {}",
            clause(rng),
            rng.pick(&OBJECTS)
        ),
        1 => format!(
            "HMICFRS found that {subject_verb} {object} {}",
            rng.pick(&TAILS)
        ),
        2 => format!(
            "In {} {}, {subject_verb} {object}",
            rng.pick(&MONTHS),
            rng.range(2016, 2026)
        ),
        3 => format!("{subject_verb} {object}"),
        _ => format!("{subject_verb} {object} {}", rng.pick(&TAILS)),
    };
    format!("{}.", capitalise(&text))
}

fn paragraph(rng: &mut Rng, min: usize, max: usize) -> String {
    let count = rng.range(min, max);
    let mut text = String::new();
    for i in 0..count {
        if i > 0 {
            // Two spaces after a full stop, as in the office's own records, some of the time.
            text.push_str(if rng.chance(0.3) { "  " } else { " " });
        }
        text.push_str(&sentence(rng));
    }
    text
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES))
}

fn key_findings(rng: &mut Rng) -> String {
    let mut parts = Vec::new();
    parts.push(paragraph(rng, 3, 4));
    if rng.chance(0.05) {
        // Raw HTML, as pasted from the web (exercises the sanitiser).
        parts.push(format!(
            "<p>HMICFRS graded {FORCE} as <strong>{}</strong> at {}. {}</p>",
            rng.pick(&["good", "adequate", "outstanding", "requires improvement"]),
            rng.pick(&OBJECTS),
            sentence(rng)
        ));
    }
    parts.push(paragraph(rng, 2, 3));
    parts.push(if rng.chance(0.5) {
        format!("In {FORCE}, the inspection found that:")
    } else {
        "The inspection found that:".to_owned()
    });
    let mut list = String::new();
    // Distinct bullets: a partial Fisher–Yates shuffle.
    let mut order: Vec<usize> = (0..BULLETS.len()).collect();
    for i in 0..rng.range(3, 6) {
        let j = i + rng.below(order.len() - i);
        order.swap(i, j);
        let bullet = BULLETS[order[i]];
        if rng.chance(0.15) {
            let _ = writeln!(list, "- **{bullet}**;");
        } else {
            let _ = writeln!(list, "- {bullet};");
        }
    }
    parts.push(list.trim_end().to_owned());
    parts.push(paragraph(rng, 2, 3));
    if rng.chance(0.3) {
        parts.push(format!(
            "Read [the full report](https://hmicfrs.justiceinspectorates.gov.uk/publications/{}/) on the HMICFRS website.",
            rng.below(90_000) + 10_000
        ));
    }
    parts.join("\n\n")
}

fn recommendation_text(rng: &mut Rng, published: NaiveDate) -> (String, Option<NaiveDate>) {
    let target = published + Duration::days(rng.range(90, 540) as i64);
    let addressee = rng.pick(&ADDRESSEES);
    let addressee = match addressee.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => addressee.to_lowercase(),
    };
    let mut text = format!(
        "By {}, {addressee} should {} {}.",
        respond::date::long(target),
        rng.pick(&ACTIONS),
        rng.pick(&OBJECTS)
    );
    text.push(' ');
    text.push_str(&paragraph(rng, 1, 2));
    (text, rng.chance(0.4).then_some(target))
}

fn item_response(rng: &mut Rng) -> String {
    let opening = rng.pick(&[
        "The Constabulary accepts this recommendation.",
        "This recommendation is accepted in full.",
        "Work is already under way.",
        "The action has been completed.",
        "The Commissioner will monitor progress at the Public Accountability Conference.",
    ]);
    format!("{opening} {}", paragraph(rng, 1, 2))
}

/// What a response says about the recommendations.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answers {
    /// Each recommendation has its own `response`.
    OneByOne,
    /// The response text speaks of "the recommendations".
    AsAWhole,
    /// The response text names each recommendation.
    ByNumber,
    /// Nothing (a warning, as happens in real offices).
    Not,
}

fn response_text(
    rng: &mut Rng,
    by: &str,
    title: &str,
    recommendations: &[Recommendation],
    answers: Answers,
) -> String {
    let who = match by {
        "commissioner" => "The Police and Crime Commissioner",
        "chief-officer" => "The Chief Constable",
        _ => "The Commissioner and the Chief Constable",
    };
    let name = person(rng);
    let mut paragraphs = vec![format!(
        "{who} {} the HMICFRS report “{}”.",
        rng.pick(&[
            "welcomes",
            "has considered",
            "notes the findings of",
            "acknowledges"
        ]),
        title.trim_end_matches('.')
    )];
    paragraphs.push(format!(
        "“{} {}” said {name}.",
        paragraph(rng, 2, 3),
        sentence(rng)
    ));
    paragraphs.push(paragraph(rng, 3, 5));
    match answers {
        Answers::AsAWhole => paragraphs.push(format!(
            "The Constabulary accepts the recommendations of the report and has put in place an action plan. {}",
            paragraph(rng, 2, 3)
        )),
        Answers::ByNumber => {
            for r in recommendations {
                paragraphs.push(format!(
                    "On recommendation {}: {}",
                    r.number,
                    item_response(rng)
                ));
            }
        }
        _ => {}
    }
    paragraphs.push(paragraph(rng, 2, 4));
    paragraphs.push(format!(
        "“{} {}”",
        paragraph(rng, 2, 3),
        rng.pick(&[
            "There is always more to do.",
            "I will continue to hold the Constabulary to account.",
            "We are far from complacent.",
            "Keeping people safe remains our priority.",
        ])
    ));
    paragraphs.join("\n\n")
}

fn title_for(rng: &mut Rng, kind: &str, published: NaiveDate) -> String {
    let year = published.year();
    let topic = rng.pick(&TOPICS);
    match kind {
        "peel" => format!(
            "PEEL {}–{}: An inspection of {FORCE}",
            year,
            (year + 1) % 100
        ),
        "force-inspection" => format!("An inspection of {topic} in {FORCE}"),
        "national-thematic" => format!(
            "{}: A thematic inspection of {topic}",
            capitalise(rng.pick(&TOPICS))
        ),
        "national-inspection" => format!("An inspection of {topic} in England and Wales"),
        "spotlight" => format!("PEEL spotlight report: {}", capitalise(topic)),
        "joint-inspection" => format!("A joint inspection of {topic}"),
        "custody" => {
            format!("Report on an unannounced inspection visit to police custody suites in {AREA}")
        }
        "revisit" => format!("A revisit of {topic}"),
        "state-of-policing" => format!(
            "State of Policing: The Annual Assessment of Policing in England and Wales {}",
            year - 1
        ),
        "commissioned" => format!("A commissioned inspection of {topic} in {FORCE}"),
        "fire" => format!(
            "Fire and rescue service inspection {}: {AREA} Fire and Rescue Service",
            year
        ),
        _ => format!("A review of {topic}"),
    }
}

fn pick_type(rng: &mut Rng) -> &'static str {
    let total: u32 = TYPES.iter().map(|(_, w)| w).sum();
    let mut at = rng.below(total as usize) as u32;
    for (kind, weight) in TYPES {
        if at < weight {
            return kind;
        }
        at -= weight;
    }
    "other"
}

/// The first words of a title's slug.
fn short_slug(title: &str) -> String {
    let slug = respond::validate::slug(title);
    slug.split('-')
        .filter(|w| !w.is_empty())
        .take(7)
        .collect::<Vec<_>>()
        .join("-")
}

/// The follow-up of an item of a report published on `published`: an owner, and updates dated
/// in order, none after `today`, ending in a realistic mix of statuses (most of an old report's
/// items complete, some closed as superseded or not accepted with the note those need, a recent
/// report's mostly open or in progress). An item of a report whose response is not yet
/// published has no update yet, only, sometimes, an owner.
fn follow_up(rng: &mut Rng, published: NaiveDate, answered: bool, today: NaiveDate) -> FollowUp {
    let owner = rng.chance(0.75).then(|| rng.pick(&OWNERS));
    if !answered || rng.chance(0.2) {
        return FollowUp {
            owner,
            progress: Vec::new(),
        };
    }
    // Most of an old report's items are closed by now; a recent one's are mostly under way.
    let old = (today - published).num_days() > 3 * 365;
    let last = match (old, rng.below(100)) {
        (true, 0..=3) | (false, 0..=14) => "open",
        (true, 4..=13) | (false, 15..=49) => "in-progress",
        (true, 14..=77) | (false, 50..=84) => "complete",
        (true, 78..=91) | (false, 85..=92) => "superseded",
        _ => "not-accepted",
    };
    let closed = !matches!(last, "open" | "in-progress");
    let mut statuses = Vec::new();
    if last == "open" || rng.chance(0.3) {
        statuses.push("open");
    }
    if last == "in-progress" || (closed && rng.chance(0.7)) {
        statuses.push("in-progress");
    }
    if closed {
        statuses.push(last);
    }
    let mut on = published + Duration::days(rng.range(30, 120) as i64);
    let mut progress = Vec::new();
    for status in statuses {
        // Later updates wait for the day they are made: none is dated after today.
        if on > today {
            break;
        }
        let note = match status {
            "superseded" => Some(rng.pick(&SUPERSEDED_NOTES)),
            "not-accepted" => Some(rng.pick(&NOT_ACCEPTED_NOTES)),
            "open" => rng.chance(0.3).then(|| rng.pick(&OPEN_NOTES)),
            "complete" => rng.chance(0.8).then(|| rng.pick(&COMPLETE_NOTES)),
            _ => rng.chance(0.7).then(|| rng.pick(&PROGRESS_NOTES)),
        };
        progress.push(Update { on, status, note });
        on += Duration::days(rng.range(14, 240) as i64);
    }
    FollowUp { owner, progress }
}

/// The items of a record: recommendations, areas for improvement (with their introduction)
/// and causes of concern, each followed up from `follow`.
struct Items {
    recommendations: Vec<Recommendation>,
    count: usize,
    areas: Vec<Area>,
    areas_intro: Option<String>,
    causes: Vec<Cause>,
}

fn items(
    (rng, follow): (&mut Rng, &mut Rng),
    published: NaiveDate,
    answers: Answers,
    (answered, today): (bool, NaiveDate),
) -> Items {
    let style = rng.below(4);
    let count = rng.range(4, 10);
    let mut recommendations = Vec::with_capacity(count);
    for i in 1..=count {
        let number = match style {
            0 => format!("{i:02}"),
            1 => format!("R{i}"),
            _ => i.to_string(),
        };
        let (text, target) = recommendation_text(rng, published);
        let response =
            (answers == Answers::OneByOne || rng.chance(0.1)).then(|| item_response(rng));
        recommendations.push(Recommendation {
            number,
            title: rng
                .chance(0.3)
                .then(|| capitalise(&format!("{} {}", rng.pick(&ACTIONS), rng.pick(&OBJECTS)))),
            text,
            addressed_to: rng.chance(0.3).then(|| rng.pick(&ADDRESSEES).to_owned()),
            target,
            target_month: target.is_some() && follow.chance(0.3),
            response,
            follow_up: follow_up(follow, published, answered, today),
        });
    }

    let mut areas = Vec::new();
    if rng.chance(0.6) {
        for i in 1..=rng.range(1, 5) {
            areas.push(Area {
                number: rng.chance(0.5).then(|| format!("AFI{i}")),
                text: format!(
                    "The force should improve {} {}.",
                    rng.pick(&OBJECTS),
                    rng.pick(&TAILS)
                ),
                response: rng.chance(0.3).then(|| item_response(rng)),
                follow_up: follow_up(follow, published, answered, today),
            });
        }
    }
    let areas_intro = (!areas.is_empty() && rng.chance(0.3)).then(|| {
        "As part of the inspection, the areas for improvement identified were as follows.  The force should ensure -".to_owned()
    });
    let mut causes = Vec::new();
    if rng.chance(0.1) {
        let numbers: Vec<String> = recommendations
            .iter()
            .take(rng.range(1, 3))
            .map(|r| r.number.clone())
            .collect();
        causes.push(Cause {
            text: format!(
                "HMICFRS has a cause of concern about {}. {}",
                rng.pick(&OBJECTS),
                paragraph(rng, 1, 2)
            ),
            recommendations: numbers,
            follow_up: follow_up(follow, published, answered, today),
        });
    }
    Items {
        recommendations,
        count,
        areas,
        areas_intro,
        causes,
    }
}

/// The responses of a record (perhaps none yet for one not published).
fn responses(
    rng: &mut Rng,
    (unpublished, published, today): (bool, NaiveDate, NaiveDate),
    title: &str,
    (recommendations, answers): (&[Recommendation], Answers),
) -> Vec<Response> {
    let mut responses = Vec::new();
    if !unpublished || rng.chance(0.5) {
        let shapes: &[&str] = match rng.below(4) {
            0 => &["joint"],
            1 => &["commissioner"],
            2 => &["chief-officer", "commissioner"],
            _ => &["commissioner", "chief-officer"],
        };
        for by in shapes {
            let text = response_text(rng, by, title, recommendations, answers);
            responses.push(Response {
                by,
                heading: rng.chance(0.3).then(|| match *by {
                    "chief-officer" => {
                        "Chief Constable Response to Report and any Recommendations".to_owned()
                    }
                    "commissioner" => {
                        "Commissioner’s Response to Report and Any Recommendations".to_owned()
                    }
                    _ => "Joint Response to Report and Recommendations".to_owned(),
                }),
                text,
                received: rng
                    .chance(0.2)
                    .then(|| (published + Duration::days(rng.range(5, 30) as i64)).min(today)),
            });
        }
    }
    responses
}

/// (published, unpublished?) for `n` records, oldest first.
fn publication_days(rng: &mut Rng, n: usize) -> Vec<(NaiveDate, bool)> {
    let first = ymd(2017, 6, 1);
    let last = ymd(2026, 10, 31);
    let recent = ymd(2026, 9, 29); // published on or after this: not overdue on TODAY
    let span = (last - first).num_days() as usize;
    let recent_span = (last - recent).num_days() as usize;
    let mut days: Vec<(NaiveDate, bool)> = (0..n)
        .map(|_| {
            if rng.chance(0.02) {
                (
                    recent + Duration::days(rng.range(0, recent_span) as i64),
                    true,
                )
            } else {
                (first + Duration::days(rng.range(0, span) as i64), false)
            }
        })
        .collect();
    days.sort();
    days
}

/// What record `index` (published or not) holds in `related`: now and then an older record,
/// never a draft held by a published response.
fn related(rng: &mut Rng, records: &[Record], index: usize, published: Published) -> Vec<String> {
    if index > 0 && rng.chance(0.03) {
        let lo = index.saturating_sub(300);
        let held: &Record = &records[rng.range(lo, index - 1)];
        // A published response may not hold a draft: its page would publish the draft.
        let draft_held = matches!(held.response_published, Published::NotYet)
            && !matches!(published, Published::NotYet);
        if draft_held {
            Vec::new()
        } else {
            vec![held.id.clone()]
        }
    } else {
        Vec::new()
    }
}

/// `n` records, deterministic from `seed`. Record `i` is published on or after record `i - 1`,
/// and `related` only ever points to a record with a smaller index, so there are no cycles.
pub(crate) fn records(n: usize, seed: u64) -> Vec<Record> {
    let mut rng = Rng::new(seed);
    let today = today();
    // The owners, progress and target forms come from a stream of their own, so that the rest
    // of each record is what it was before records had them (benchmarks stay comparable).
    let mut follow = Rng::new(seed ^ 0x0F01_10F0_110F_0110);
    let days = publication_days(&mut rng, n);

    let mut records: Vec<Record> = Vec::with_capacity(n);
    for (index, (published, unpublished)) in days.into_iter().enumerate() {
        let kind = pick_type(&mut rng);
        let title = title_for(&mut rng, kind, published);
        let id = format!(
            "{}-{}-{index}",
            published.format("%Y-%m-%d"),
            short_slug(&title)
        );
        let statutory = kind != "fire";
        let answers = if !statutory || unpublished {
            Answers::Not
        } else {
            match rng.below(100) {
                0..=44 => Answers::OneByOne,
                45..=89 => Answers::AsAWhole,
                90..=96 => Answers::ByNumber,
                _ => Answers::Not,
            }
        };

        let answered = !unpublished;
        let Items {
            recommendations,
            count,
            areas,
            areas_intro,
            causes,
        } = items(
            (&mut rng, &mut follow),
            published,
            answers,
            (answered, today),
        );

        let response_published = if unpublished {
            Published::NotYet
        } else if rng.chance(0.05) && (today - published).num_days() > 366 + 55 {
            // `undated` is for the archive: a report whose last day is more than a year past.
            Published::Undated
        } else {
            let day = (published + Duration::days(rng.range(10, 50) as i64)).min(today);
            Published::On(day, date_form(&mut rng))
        };
        let responses = responses(
            &mut rng,
            (unpublished, published, today),
            &title,
            (&recommendations, answers),
        );

        let related = related(&mut rng, &records, index, response_published);

        records.push(Record {
            id,
            reference: rng
                .chance(0.4)
                .then(|| (rng.below(90_000) + 10_000).to_string()),
            published_form: date_form(&mut rng),
            kind,
            type_label: (kind == "other").then(|| rng.pick(&OTHER_LABELS).to_owned()),
            link: rng.chance(0.5).then(|| {
                format!(
                    "https://hmicfrs.justiceinspectorates.gov.uk/publications/{}/",
                    short_slug(&title)
                )
            }),
            key_findings: key_findings(&mut rng),
            recommendations_intro: rng.chance(0.2).then(|| {
                format!(
                    "The report makes {count} recommendations. {}",
                    sentence(&mut rng)
                )
            }),
            recommendations,
            areas_intro,
            areas,
            causes,
            responses,
            chief_officer_comments_due: rng
                .chance(0.1)
                .then(|| published + Duration::days(rng.range(14, 35) as i64)),
            response_published,
            related,
            title,
            published,
        });
    }
    records
}

/// A YAML double-quoted scalar (a JSON string is one).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A YAML literal block scalar, indented by `indent` spaces.
fn block(out: &mut String, indent: usize, text: &str) {
    out.push_str("|\n");
    let pad = " ".repeat(indent);
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
}

impl Record {
    /// The record as it would be written in `data/inspections/<id>.yaml`.
    pub(crate) fn to_yaml(&self) -> String {
        let mut y = String::with_capacity(10_000);
        let _ = writeln!(y, "title: {}", quoted(&self.title));
        if let Some(reference) = &self.reference {
            let _ = writeln!(y, "reference: {}", quoted(reference));
        }
        let _ = writeln!(
            y,
            "published: {}",
            format_date(self.published, self.published_form)
        );
        let _ = writeln!(y, "type: {}", self.kind);
        if let Some(label) = &self.type_label {
            let _ = writeln!(y, "type_label: {label}");
        }
        if let Some(link) = &self.link {
            let _ = writeln!(y, "link: {link}");
        }
        y.push_str("key_findings: ");
        block(&mut y, 2, &self.key_findings);
        if let Some(intro) = &self.recommendations_intro {
            y.push_str("recommendations_intro: ");
            block(&mut y, 2, intro);
        }
        if !self.recommendations.is_empty() {
            y.push_str("recommendations:\n");
            for r in &self.recommendations {
                let _ = writeln!(y, "  - number: {}", quoted(&r.number));
                if let Some(title) = &r.title {
                    let _ = writeln!(y, "    title: {title}");
                }
                y.push_str("    text: ");
                block(&mut y, 6, &r.text);
                if let Some(to) = &r.addressed_to {
                    let _ = writeln!(y, "    addressed_to: {to}");
                }
                if let Some(target) = r.target {
                    let written = if r.target_month {
                        format!("{} {}", MONTHS[target.month0() as usize], target.year())
                    } else {
                        format_date(target, DateForm::Slash)
                    };
                    let _ = writeln!(y, "    target: {written}");
                }
                if let Some(response) = &r.response {
                    y.push_str("    response: ");
                    block(&mut y, 6, response);
                }
                r.follow_up.to_yaml(&mut y);
            }
        }
        if let Some(intro) = &self.areas_intro {
            y.push_str("areas_for_improvement_intro: ");
            block(&mut y, 2, intro);
        }
        if !self.areas.is_empty() {
            y.push_str("areas_for_improvement:\n");
            for a in &self.areas {
                y.push_str("  - text: ");
                block(&mut y, 6, &a.text);
                if let Some(number) = &a.number {
                    let _ = writeln!(y, "    number: {number}");
                }
                if let Some(response) = &a.response {
                    y.push_str("    response: ");
                    block(&mut y, 6, response);
                }
                a.follow_up.to_yaml(&mut y);
            }
        }
        if !self.causes.is_empty() {
            y.push_str("causes_of_concern:\n");
            for c in &self.causes {
                y.push_str("  - text: ");
                block(&mut y, 6, &c.text);
                let numbers: Vec<String> = c.recommendations.iter().map(|n| quoted(n)).collect();
                let _ = writeln!(y, "    recommendations: [{}]", numbers.join(", "));
                c.follow_up.to_yaml(&mut y);
            }
        }
        if !self.responses.is_empty() {
            y.push_str("responses:\n");
            for r in &self.responses {
                let _ = writeln!(y, "  - by: {}", r.by);
                if let Some(heading) = &r.heading {
                    let _ = writeln!(y, "    heading: {heading}");
                }
                y.push_str("    text: ");
                block(&mut y, 6, &r.text);
                if let Some(received) = r.received {
                    let _ = writeln!(y, "    received: {}", format_date(received, DateForm::Iso));
                }
            }
        }
        if let Some(due) = self.chief_officer_comments_due {
            let _ = writeln!(
                y,
                "chief_officer_comments_due: {}",
                format_date(due, DateForm::Iso)
            );
        }
        match self.response_published {
            Published::On(day, form) => {
                let _ = writeln!(y, "response_published: {}", format_date(day, form));
            }
            Published::Undated => y.push_str("response_published: undated\n"),
            Published::NotYet => {}
        }
        if !self.related.is_empty() {
            let _ = writeln!(y, "related: [{}]", self.related.join(", "));
        }
        y
    }
}

impl FollowUp {
    /// Its `owner` and `progress` lines, for an item of a list (indented by four spaces).
    fn to_yaml(&self, y: &mut String) {
        if let Some(owner) = self.owner {
            let _ = writeln!(y, "    owner: {owner}");
        }
        if !self.progress.is_empty() {
            y.push_str("    progress:\n");
            for update in &self.progress {
                let _ = writeln!(y, "      - on: {}", format_date(update.on, DateForm::Iso));
                let _ = writeln!(y, "        status: {}", update.status);
                if let Some(note) = update.note {
                    let _ = writeln!(y, "        note: {}", quoted(note));
                }
            }
        }
    }

    /// The current status as a page shows it, with the day of the latest update.
    pub(crate) fn current(&self) -> Option<String> {
        let last = self.progress.last()?;
        Some(format!(
            "{} ({})",
            last.status,
            respond::date::long(last.on)
        ))
    }
}
