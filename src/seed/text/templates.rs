//! Note templates: for each advice area its enquiries with fitting advice, actions, decisions and
//! outcomes, and the pools for the situation, finances, family, health, safeguarding and rarer
//! special-category sections. `{slot}` markers are filled by the generator in the parent module.
//!
//! The six advice areas' templates are in `work` (careers, employment, general) and
//! `money_home` (welfare benefits, debt, housing).

mod money_home;
mod work;

use money_home::{DEBT, HOUSING, WELFARE};
use work::{CAREERS, EMPLOYMENT, GENERAL};

use crate::domain::{ACTIONS_HEADING, Channel, Sensitivity, SpecialCategory};

// Section headings, in the order a note lists them.
pub(super) const H_QUERY: &str = "Query / presenting issue";
pub(super) const H_SITUATION: &str = "Situation and needs";
pub(super) const H_ADVICE: &str = "Information and advice given";
pub(super) const H_DECISIONS: &str = "Client's decisions";
/// The heading whose lines the store counts as open actions.
pub(super) const H_ACTIONS: &str = ACTIONS_HEADING;
pub(super) const H_REFERRALS: &str = "Referrals and signposting";
pub(super) const H_OUTCOME: &str = "Outcome";
pub(super) const H_FINANCES: &str = "Finances";
pub(super) const H_FAMILY: &str = "Family circumstances";
pub(super) const H_HEALTH: &str = "Health";
pub(super) const H_SAFEGUARDING: &str = "Safeguarding";

/// How a note may open, by the way contact was made.
pub(super) fn openers(channel: Channel) -> &'static [&'static str] {
    match channel {
        Channel::InPerson => &[
            "Drop-in. ",
            "Pre-booked appt. ",
            "Seen at outreach session. ",
        ],
        Channel::Phone => &[
            "Phone appt. ",
            "Telephone call. ",
            "Call back as arranged. ",
        ],
        Channel::Email => &["Email enquiry. ", "Query by email. "],
        Channel::Video => &["Video appt. ", "Seen by video call. "],
        Channel::Other => &["Seen at community hub. ", "Message via partner agency. "],
    }
}

/// One kind of enquiry within an area, with advice, actions, decisions and
/// outcomes that fit it.
pub(super) struct Topic {
    pub(super) query: &'static [&'static str],
    pub(super) advice: &'static [&'static str],
    pub(super) client: &'static [&'static str],
    pub(super) adviser: &'static [&'static str],
    pub(super) decisions: &'static [&'static str],
    pub(super) outcomes: &'static [&'static str],
}

/// Everything that varies by advice area.
pub(super) struct Area {
    pub(super) topics: &'static [Topic],
    /// Optional second sentence for the query.
    pub(super) detail: &'static [&'static str],
    pub(super) situation: &'static [&'static [&'static str]],
    /// Advice that fits any topic in the area.
    pub(super) advice: &'static [&'static str],
    pub(super) client: &'static [&'static str],
    pub(super) adviser: &'static [&'static str],
    pub(super) referrals: &'static [&'static str],
    pub(super) p_finances: f64,
    pub(super) p_health: f64,
}

pub(super) const AREAS: [Area; 6] = [CAREERS, WELFARE, DEBT, HOUSING, EMPLOYMENT, GENERAL];

pub(super) const GENERIC_REFERRALS: &[&str] = &[
    "Signposted to GP about low mood.",
    "Signposted to Mind for local peer support.",
    "Samaritans number given (116 123).",
    "Signposted to Citizens Advice for further help.",
    "Referred to food bank.",
    "Signposted to local council housing options.",
    "Signposted to StepChange for free debt advice.",
    "Signposted to Jobcentre Plus work coach.",
    "Signposted to talking therapies self-referral.",
];

pub(super) const FINANCES: &[&[&str]] = &[
    &[
        "Income: UC {mo} a month.",
        "Take-home pay about {mo} a month; partner earns around {mo}.",
        "Income: ESA {a} a week; PIP {a} a week.",
        "Income: Carer's Allowance {a} a week plus UC.",
        "Wages vary; last month {mo} after tax.",
        "Income: wages {mo} a month plus UC.",
        "No income at present; UC claim pending.",
    ],
    &[
        "Rent {mo} a month; council tax {a} a month; energy {a} a month on prepayment.",
        "Outgoings on rent, food and travel come to about {mo} a month.",
        "Travel to work costs {a} a week.",
        "Mobile and broadband {a} a month.",
    ],
    &[
        "Arrears: council tax {A}; energy {A}.",
        "Non-priority debts: {cred} {A}, overdraft {a}.",
        "Owes {A} to {pcred}.",
        "Total unsecured debt roughly {B}.",
        "Rent arrears {A}.",
    ],
    &[
        "No savings; bank account overdrawn by {a}.",
        "Budget shortfall of about {a} a month.",
        "Small surplus of {a} a month.",
        "Has borrowed {a} from family this month.",
    ],
];

pub(super) const FAMILY: &[&[&str]] = &[
    &[
        "Lives with partner and {kids}.",
        "Single parent of {kids}; ex-partner pays no maintenance.",
        "Recently separated; moved out of the family home in {m}.",
        "Cares for a parent with dementia most evenings.",
        "Bereaved: partner died in {m}.",
        "Kinship carer for a grandchild.",
        "Going through a divorce; finances not yet settled.",
        "Lives with adult son who is unemployed.",
    ],
    &[
        "Youngest child has an EHCP and additional needs.",
        "School runs limit working hours.",
        "Little support from family nearby.",
        "Expecting a baby in {m}.",
        "Ex-partner has contact every other weekend.",
        "Child maintenance arrangement has broken down.",
    ],
];

pub(super) const HEALTH: &[&[&str]] = &[
    &[
        "Has {cond}; diagnosed {n} years ago.",
        "Reports {cond}, which affects concentration and sleep.",
        "Long-standing {cond}; under the care of the GP.",
        "Reports low mood since losing work; has not yet seen GP.",
        "Recently diagnosed with {cond}.",
        "Has {cond}; also reports poor sleep.",
    ],
    &[
        "Takes {med}.",
        "On the waiting list for talking therapies.",
        "PIP assessment booked for {d}.",
        "Fit note runs until {d}.",
        "Can walk about 50 metres before needing to stop.",
        "Under the community mental health team.",
    ],
    &[
        "Condition fluctuates; around {n} bad days a week.",
        "Consent given to record health information for this case.",
        "Prefers phone contact on bad days.",
        "Health is the main barrier to work at present.",
    ],
];

/// Safeguarding concerns, each with the follow-up steps that fit it.
pub(super) const SAFEGUARDING: &[(&str, &[&str])] = &[
    (
        "{C} said things feel hopeless; Adv. asked directly about thoughts of self-harm and {c} said none at present.",
        &[
            "Discussed with supervisor the same day; no immediate risk identified.",
            "Crisis line and Samaritans numbers given.",
            "Encouraged to speak to GP; follow-up call agreed for {d}.",
        ],
    ),
    (
        "Concern noted about possible financial abuse by a family member holding {c}'s bank card.",
        &[
            "Discussed with supervisor the same day.",
            "Referral made to adult social care with {c}'s consent.",
            "Advised asking the bank for a new card and PIN.",
        ],
    ),
    (
        "{C} disclosed controlling behaviour by an ex-partner; no immediate risk reported.",
        &[
            "Discussed with supervisor; no immediate risk identified.",
            "Details of the National Domestic Abuse Helpline given.",
            "Safe contact agreed: phone calls only, no letters to the address.",
        ],
    ),
    (
        "Concern noted about a child's wellbeing raised during the appointment.",
        &[
            "Safeguarding lead informed; referral made to children's services.",
            "Discussed with supervisor the same day; agreed to refer to children's services.",
        ],
    ),
    (
        "{C} mentioned being pressured to let someone stay at the flat.",
        &[
            "Discussed with supervisor; possible cuckooing noted.",
            "With consent, concern passed to the police neighbourhood team.",
            "Referral made to adult social care with {c}'s consent.",
        ],
    ),
];

/// Rarely recorded special-category sections: heading, sensitivity, pools.
pub(super) type Special = (
    &'static str,
    Sensitivity,
    &'static [&'static [&'static str]],
);

pub(super) const SPECIALS: &[(Special, f64)] = &[
    (
        (
            "Faith and practice",
            Sensitivity::Special(SpecialCategory::Religion),
            &[
                &[
                    "{C} is a practising Muslim and needs short prayer breaks during shifts.",
                    "{C} observes the Sabbath and cannot work Friday evenings or Saturdays.",
                    "{C} is a practising Sikh and wears a turban; asked about hard hat rules on site.",
                    "{C} will be fasting during Ramadan and asked about adjusting shift patterns.",
                    "{C} attends church on Sunday mornings and needs that time free.",
                ],
                &[
                    "Discussed how to raise this with employers at interview or after an offer.",
                    "Explained protection from religious discrimination under the Equality Act 2010.",
                    "Agreed to cover this in the request to the employer.",
                ],
            ],
        ),
        0.03,
    ),
    (
        (
            "Offending history",
            Sensitivity::Special(SpecialCategory::Criminal),
            &[
                &[
                    "{C} has an unspent conviction for {off} ({yr}).",
                    "{C} is on licence until {d}; probation officer aware of job search.",
                    "{C} has a spent conviction for {off} from {n} years ago.",
                    "{C} received a caution for {off} in {yr}.",
                ],
                &[
                    "Discussed when and how to disclose on job applications.",
                    "Explained the Rehabilitation of Offenders Act and basic versus enhanced DBS checks.",
                    "Signposted to Unlock for advice on disclosure.",
                    "Helped draft a short disclosure statement.",
                ],
            ],
        ),
        0.03,
    ),
    (
        (
            "Trade union",
            Sensitivity::Special(SpecialCategory::Union),
            &[
                &[
                    "{C} is a member of {union}; the rep will attend the grievance meeting.",
                    "{C}'s {union} rep has been supporting at sickness absence meetings.",
                    "{C} is a {union} member and asked whether the union can fund a tribunal claim.",
                ],
                &[
                    "Agreed Adviser will share the letter with the rep with {c}'s consent.",
                    "Advised {c} to keep the rep updated with any new letters.",
                    "Explained that the right to be accompanied includes a union rep.",
                ],
            ],
        ),
        0.03,
    ),
    (
        (
            "Ethnicity and discrimination",
            Sensitivity::Special(SpecialCategory::Ethnicity),
            &[
                &[
                    "{C}, who is Black British, reports racist comments from a supervisor.",
                    "{C} is from a Gypsy/Traveller background and reports being refused viewings by letting agents.",
                    "{C} reports being given worse shifts than white colleagues.",
                ],
                &[
                    "Explained protection from race discrimination under the Equality Act 2010.",
                    "Advised keeping a record of incidents with dates and witnesses.",
                ],
            ],
        ),
        0.01,
    ),
    (
        (
            "Sexual orientation",
            Sensitivity::Special(SpecialCategory::Sexuality),
            &[
                &[
                    "{C} is gay and reports homophobic comments from a neighbour.",
                    "{C} is bisexual and reports harassment at work after colleagues found out.",
                    "{C} is a lesbian and is worried about being outed by a former partner.",
                ],
                &[
                    "Explained reporting options, including third-party hate incident reporting.",
                    "Explained harassment protection under the Equality Act 2010.",
                    "Signposted to a local LGBT+ support service.",
                ],
            ],
        ),
        0.01,
    ),
    (
        (
            "Political opinions",
            Sensitivity::Special(SpecialCategory::Politics),
            &[
                &[
                    "{C} is standing as a local councillor and asked about time off for public duties.",
                    "{C} was told to stop discussing political views at work.",
                    "{C} is an active member of a political party and worried it is affecting treatment at work.",
                ],
                &[
                    "Explained the right to reasonable time off for public duties.",
                    "Explained when a belief may be protected under the Equality Act 2010.",
                ],
            ],
        ),
        0.01,
    ),
];
