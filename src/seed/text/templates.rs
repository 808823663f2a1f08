//! Note templates: for each advice area its enquiries with fitting advice, actions, decisions and
//! outcomes, and the pools for the situation, finances, family, health, safeguarding and rarer
//! special-category sections. `{slot}` markers are filled by the generator in the parent module.

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

const CAREERS: Area = Area {
    topics: &[
        Topic {
            query: &[
                "{C} wants help to find work as a {job} after a period out of the labour market.",
                "{C} asked for help updating CV and applying for {job} roles.",
                "Referred by Jobcentre Plus work coach for help with job search; looking for {job} work.",
                "Follow-up appointment to review job search since last session.",
            ],
            advice: &[
                "Went through CV line by line; reworked the personal profile around transferable skills.",
                "Explained where to find vacancies: Find a Job, local agencies, employer websites and speculative approaches.",
                "Suggested tailoring each application to the person specification rather than one generic statement.",
                "Recommended setting up job alerts for {job} roles within a reasonable bus journey.",
                "Agreed a realistic job search plan of {n} targeted applications a week.",
                "Advised on explaining CV gaps: brief and honest, focusing on what was gained.",
            ],
            client: &[
                "update CV with the changes discussed",
                "apply for at least {n} {job} vacancies",
                "register on Find a Job and set up alerts",
                "ask previous manager for a reference",
            ],
            adviser: &[
                "review revised CV",
                "send details of local employer recruitment events",
                "send list of agencies recruiting for {sector}",
            ],
            decisions: &[
                "{C} will focus on {job} roles for now and revisit retraining in {m}.",
                "{C} will apply for the {job} vacancy at {emp}.",
            ],
            outcomes: &[
                "CV completed and ready to send.",
                "{C} has applied for {n} roles since the last appointment.",
                "{C} has been offered a {job} role at {emp} starting {d}.",
            ],
        },
        Topic {
            query: &[
                "{C} has an interview for a {job} post at {emp} on {d} and wants to prepare.",
                "{C} keeps getting interviews for {job} roles but no offers.",
            ],
            advice: &[
                "Practised interview answers using the STAR method and gave feedback on examples.",
                "Went through common questions for {job} roles and how to research the employer beforehand.",
                "Discussed managing nerves: plan the journey, arrive early, prepare questions to ask.",
                "Explained that feedback can be requested after an unsuccessful interview.",
            ],
            client: &[
                "research the employer and prepare two questions to ask",
                "write out three STAR examples",
                "ask for feedback on the last interview",
            ],
            adviser: &[
                "send interview preparation sheet and STAR examples",
                "book a mock interview",
            ],
            decisions: &[
                "{C} feels ready and will attend the interview on {d}.",
                "{C} will ask the work coach about help with interview clothes.",
            ],
            outcomes: &[
                "Interview went well; waiting to hear back.",
                "{C} has been offered the {job} role at {emp}.",
                "Not successful this time; feedback was to give more specific examples.",
            ],
        },
        Topic {
            query: &[
                "{C} wants to retrain for a career in {sector} and asked about funding for {crs}.",
                "{C} wants to change career from {job2} work into {sector}.",
                "{C} works as a {job2} at {emp2} and wants to move into {sector}.",
            ],
            advice: &[
                "Explained the route into {sector} via {crs} and entry-level {job} roles.",
                "Explained that adults without a level 3 may be able to study a first level 3 free; eligibility to be checked with the provider.",
                "Explained the Advanced Learner Loan for {crs} if 19+ and not eligible for full funding.",
                "Looked at local labour market information for {sector}: steady demand, entry pay around {hr}.",
                "Reworked the CV around transferable skills from {job2} work.",
            ],
            client: &[
                "contact the provider to check entry requirements for {crs}",
                "book onto the college open day",
                "bring certificates to next appointment",
            ],
            adviser: &[
                "email list of local providers for {crs}",
                "check funding eligibility for {crs}",
            ],
            decisions: &[
                "{C} decided to apply for {crs} starting in {m}.",
                "{C} wants to stay in the current role while studying part-time.",
            ],
            outcomes: &[
                "Application for {crs} submitted.",
                "{C} has a place on {crs} starting in {m}.",
            ],
        },
        Topic {
            query: &[
                "{C} asked about apprenticeships in {sector} and how to apply.",
                "{C} is 17, has left college and is not sure what to do next.",
                "{C} is unsure what to do after finishing {crs} and wants to talk through options.",
            ],
            advice: &[
                "Discussed apprenticeships: paid, with off-the-job training, and open to adults as well as school leavers.",
                "Explained the apprenticeship minimum wage and that many employers pay more.",
                "Showed how to search and set alerts on the Find an apprenticeship service.",
                "Talked through options: further study, an apprenticeship, or work with training.",
            ],
            client: &[
                "apply for {n} apprenticeship vacancies in {sector}",
                "talk the options through at home",
            ],
            adviser: &[
                "check apprenticeship vacancies in {sector}",
                "send dates of local provider open days",
            ],
            decisions: &[
                "{C} chose not to pursue an apprenticeship at this stage because of the drop in income.",
                "{C} will apply for a {job} apprenticeship.",
            ],
            outcomes: &[
                "{C} has an apprenticeship interview with {emp} on {d}.",
                "{C} has a clearer idea of the options and will decide by {d}.",
            ],
        },
        Topic {
            query: &[
                "{C} was made redundant from {emp2} after {n} years and wants to explore options.",
                "{C} is at risk of redundancy at {emp2} and wants to plan ahead.",
            ],
            advice: &[
                "Completed a skills audit; identified transferable skills from {job2} work.",
                "Explained that the work coach may be able to fund short training through the Flexible Support Fund.",
                "Discussed whether to stay in {job2} work or use the break to move into {sector}.",
            ],
            client: &[
                "register with {n} local agencies",
                "update LinkedIn profile",
            ],
            adviser: &["send local labour market information for {sector}"],
            decisions: &["{C} will look for {job2} work in the short term and retrain later."],
            outcomes: &[
                "{C} has started temporary work through an agency.",
                "{C} has a clear action plan and feels more confident about next steps.",
            ],
        },
        Topic {
            query: &[
                "{C} wants to return to work after several years caring for family.",
                "{C} lacks confidence about going back to work after a long period of illness.",
            ],
            advice: &[
                "Adv. completed a skills audit with {c}; identified transferable skills from caring and volunteering.",
                "Discussed volunteering as a route to experience and a current reference.",
                "Explained Access to Work and reasonable adjustments.",
                "Talked through part-time and school-hours roles in {sector}.",
            ],
            client: &[
                "look into volunteering at a local charity",
                "draft a personal statement",
            ],
            adviser: &[
                "send details of returner programmes",
                "refer to the volunteer centre",
            ],
            decisions: &["{C} decided to start volunteering {n} hours a week while job searching."],
            outcomes: &[
                "{C} has a clear action plan and feels more confident about next steps.",
                "{C} has started volunteering.",
            ],
        },
        Topic {
            query: &[
                "{C} asked how to get qualifications gained overseas recognised in the UK.",
                "{C} qualified overseas and wants to work in {sector} here.",
            ],
            advice: &[
                "Adv. explained how overseas qualifications can be compared through UK ENIC.",
                "Explained that some roles in {sector} need UK registration or a licence.",
                "Discussed ESOL classes to build English for work.",
            ],
            client: &["find original certificates and translations"],
            adviser: &["send UK ENIC guidance", "check ESOL classes locally"],
            decisions: &["{C} will apply for a statement of comparability."],
            outcomes: &["Statement of comparability applied for."],
        },
    ],
    detail: &[
        "Main worry is gaps in work history.",
        "Has not applied for anything in the last {n} weeks.",
        "Prefers part-time hours to fit around the school run.",
        "Would like something local as does not drive.",
        "Has applied for {n} roles without hearing back.",
        "Hoping to earn at least {hr}.",
        "Lacks confidence about interviews.",
        "Work coach has asked for the search to be widened.",
    ],
    situation: &[
        &[
            "Left school with GCSEs including English and maths at grade 4; no post-16 qualifications.",
            "Has {n} years' experience as a {job2}, mostly at {emp2}.",
            "Claiming UC and in the intensive work search group.",
            "Working {sh} hours a week as a {job2} on a zero-hours contract.",
            "Came to the UK {n} years ago; qualified as a teacher overseas; good spoken English.",
            "Out of work for {n} years while caring for a parent.",
            "NEET since leaving college; living with family.",
            "Working full time as a {job2}; studies would need to be evenings or online.",
        ],
        &[
            "Barriers: no recent references, limited IT skills and low confidence at interview.",
            "Childcare is the main barrier; youngest starts nursery in {m}.",
            "Travel is a barrier; relies on buses and early shifts are hard to reach.",
            "CV is out of date and does not show transferable skills.",
            "Has no driving licence, which rules out some {sector} roles.",
            "Digital skills are basic; needs help with online application forms.",
            "Has a DBS check from a previous role that may need renewing.",
        ],
        &[
            "Strengths: reliable, good with people, strong attendance record.",
            "Short-term goal is any paid work; longer term wants to move into {sector}.",
            "Motivated and clear about wanting to work in {sector}.",
            "Interested in volunteering first to build experience and a reference.",
            "Would consider an apprenticeship if the pay covers rent.",
        ],
    ],
    advice: &[
        "Explained that training can count towards UC work search if agreed with the work coach.",
        "Talked through Access to Work for support in the workplace.",
        "Explained that many {sector} employers recruit through agencies first.",
        "Suggested the library's free interview skills sessions.",
        "Agreed to review progress at the next appointment.",
    ],
    client: &[
        "bring certificates to next appointment",
        "keep a record of applications made",
    ],
    adviser: &[
        "book follow-up appointment",
        "send notes of this session by email",
    ],
    referrals: &[
        "Referred to the National Careers Service for a skills health check.",
        "Signposted to adult education service for Functional Skills English and maths.",
        "Signposted to Jobcentre Plus work coach re Flexible Support Fund for interview clothes and travel.",
        "Referred to local volunteer centre.",
        "Signposted to Access to Work.",
        "Signposted to ESOL provider for an initial assessment.",
        "Referred to a local employability programme with a key worker.",
    ],
    p_finances: 0.15,
    p_health: 0.2,
};

const WELFARE: Area = Area {
    topics: &[
        Topic {
            query: &[
                "{C} has had UC sanctioned for missing a work coach appointment and wants to challenge it.",
                "{C}'s UC has been cut by a sanction since {pd}.",
            ],
            advice: &[
                "Explained that a sanction can be challenged through an MR if there was good reason for missing the appointment.",
                "Advised about UC hardship payments, which are repayable, if the sanction leaves no money for essentials.",
                "Explained that the claimant commitment can be reviewed if it is not realistic.",
            ],
            client: &[
                "write down what happened on the day of the missed appointment",
                "ask the work coach to review the claimant commitment",
            ],
            adviser: &["draft MR request and send to client to check"],
            decisions: &["{C} wants to go ahead with an MR."],
            outcomes: &[
                "UC payment restored after the work coach accepted good reason.",
                "MR submitted on {c}'s behalf.",
            ],
        },
        Topic {
            query: &[
                "{C} received a PIP decision with no points for daily living and wants to dispute it.",
                "{C} needs help completing the PIP2 form, due back by {d}.",
                "{C} has a PIP assessment on {d} and wants to know what to expect.",
            ],
            advice: &[
                "Went through the PIP descriptors; {c} may score for preparing food, managing treatments and engaging with others.",
                "Advised keeping evidence: GP letters, prescription list and a diary of bad days.",
                "Explained mandatory reconsideration: DWP must be asked to look again before an appeal to the tribunal.",
                "Explained the tribunal stage if the MR is refused: form SSCS1 within one month of the MR notice.",
                "Suggested asking for a home or telephone assessment if travel is difficult.",
                "Explained that PIP is not means-tested and does not reduce UC.",
            ],
            client: &[
                "get a supporting letter from GP",
                "keep a diary of bad days",
                "return the PIP2 form",
            ],
            adviser: &[
                "book appointment to complete the PIP2 form with client",
                "draft MR request and send to client to check",
            ],
            decisions: &[
                "{C} wants to go ahead with an MR.",
                "{C} wants Adviser to complete the form with them at the next appointment.",
            ],
            outcomes: &[
                "PIP award changed on MR to standard rate daily living.",
                "PIP2 form completed and posted.",
                "MR refused; appeal lodged with the tribunal.",
            ],
        },
        Topic {
            query: &[
                "{C} asked for a benefits check following a change in circumstances.",
                "{C} has stopped working and wants to know whether to claim UC.",
                "{C} has separated from a partner and asked what to claim.",
            ],
            advice: &[
                "Ran a benefits check with an online calculator; possible entitlement to {ben} not currently claimed.",
                "Explained how UC is worked out: standard allowance plus elements, minus 55% of earnings above any work allowance.",
                "Advised that claims should be made promptly as backdating is limited.",
                "Advised that Council Tax Reduction is a separate claim to the council.",
                "Explained the Help to Claim service for support with the online claim.",
            ],
            client: &[
                "make the {ben} claim online",
                "collect bank statements for the last {n} months",
            ],
            adviser: &["rerun the benefits calculation once payslips are in"],
            decisions: &["{C} will claim {ben}."],
            outcomes: &[
                "Claim for {ben} made during the appointment.",
                "Better off by about {a} a week if the claim succeeds.",
            ],
        },
        Topic {
            query: &[
                "{C} has been told of a UC overpayment of {A} and wants to know if it is correct.",
                "{C} has a letter from DWP Debt Management about an overpayment of {A}.",
            ],
            advice: &[
                "Checked the overpayment: appears recoverable, but the recovery rate can be reduced on hardship grounds.",
                "Explained the right to ask for a breakdown of how the overpayment was worked out.",
                "Explained that most UC overpayments are recoverable even if caused by official error.",
            ],
            client: &["send the overpayment letter to Adviser"],
            adviser: &[
                "write to DWP about the overpayment recovery rate",
                "request a breakdown of the overpayment",
            ],
            decisions: &["{C} accepts the overpayment but will ask for a lower recovery rate."],
            outcomes: &["Overpayment recovery reduced to {a} a month."],
        },
        Topic {
            query: &[
                "{C} was found fit for work after a work capability assessment and asked about options.",
                "{C} has a fit note and asked about the work capability assessment.",
            ],
            advice: &[
                "Adv. explained the LCWRA element and that new medical evidence should go to the work coach with a fit note.",
                "Explained the UC50 questionnaire and the importance of giving real examples.",
                "Explained mandatory reconsideration of the WCA decision.",
            ],
            client: &[
                "upload fit note to the UC journal",
                "return the UC50 questionnaire",
            ],
            adviser: &["request a copy of the WCA report from DWP"],
            decisions: &["{C} wants to challenge the WCA decision."],
            outcomes: &[
                "LCWRA awarded on reconsideration.",
                "Awaiting DWP decision; client to bring the letter when it arrives.",
            ],
        },
        Topic {
            query: &["{C} is caring for a family member and asked about Carer's Allowance."],
            advice: &[
                "Explained Carer's Allowance: 35 hours a week caring, the person cared for must get a qualifying disability benefit, and an earnings limit applies.",
                "Explained the UC carer element.",
            ],
            client: &["check the award letter of the person cared for"],
            adviser: &["check earnings against the Carer's Allowance limit"],
            decisions: &[
                "{C} decided to hold off on a Carer's Allowance claim until the effect on the household is clearer.",
            ],
            outcomes: &["Carer's Allowance claim submitted."],
        },
        Topic {
            query: &[
                "{C} has reached State Pension age and asked whether Pension Credit is payable.",
            ],
            advice: &[
                "Explained Pension Credit and that it can open the door to Housing Benefit and help with council tax.",
                "Explained that Pension Credit can be backdated three months.",
            ],
            client: &["find the State Pension award letter"],
            adviser: &["complete Pension Credit claim by phone with client"],
            decisions: &["{C} will claim Pension Credit."],
            outcomes: &["Pension Credit claim made by phone."],
        },
        Topic {
            query: &[
                "{C}'s UC payment dropped this month and it is not clear why.",
                "{C} says UC for the last assessment period was about {a} less than usual.",
            ],
            advice: &[
                "Went through the UC statement: earnings in the assessment period account for the drop.",
                "Explained that two pay dates in one assessment period can reduce a month's UC.",
                "Explained how deductions for advances and third-party debts appear on the statement.",
            ],
            client: &["check payslip dates against assessment periods"],
            adviser: &["check the UC statement calculation"],
            decisions: &["{C} will ask DWP to explain the deduction through the journal."],
            outcomes: &["Drop explained by two pay dates in one assessment period."],
        },
        Topic {
            query: &[
                "{C} has a migration notice to move from tax credits to UC.",
                "{C} received a letter saying tax credits are ending and UC must be claimed by {d}.",
            ],
            advice: &[
                "Explained transitional protection for those moved across by a migration notice, and to claim by the deadline.",
                "Explained that the first UC payment comes about five weeks after the claim and an advance is available.",
            ],
            client: &["set up an email address for the UC account"],
            adviser: &["help client make the UC claim online"],
            decisions: &["{C} will make the UC claim before the deadline."],
            outcomes: &["UC claim made before the deadline."],
        },
    ],
    detail: &[
        "Deadline is {d}.",
        "Very worried about the drop in income.",
        "A friend had said nothing could be done.",
        "Brought the decision letter and UC statement.",
        "Has had no money for {n} days.",
        "Has tried calling DWP several times without getting through.",
    ],
    situation: &[
        &[
            "Single, lives alone in a private rented flat; UC standard allowance plus housing element.",
            "Lives with partner and {kids}; joint UC claim.",
            "Working {h} hours a week as a {job}; UC tops up earnings.",
            "Receives PIP standard rate daily living, no mobility component.",
            "Claims income-related ESA in the support group; no other income.",
            "Receives Carer's Allowance for caring for a parent who gets Attendance Allowance.",
            "Lone parent with {kids}; UC including child elements.",
        ],
        &[
            "Takes home about {a} a week after deductions.",
            "UC is being reduced by {a} a month for an advance repayment.",
            "Has savings under £6,000.",
            "Cannot access the UC journal as the phone is broken.",
            "Struggles with forms and official letters.",
            "Has a WCA booked for {d}.",
        ],
    ],
    advice: &[
        "Advised reporting all changes of circumstance through the journal straight away.",
        "Explained the UC Budgeting Advance for one-off costs.",
        "Mentioned a Discretionary Housing Payment to cover any rent shortfall.",
        "Advised keeping copies of everything sent to DWP.",
    ],
    client: &["bring the latest DWP letters to next appointment"],
    adviser: &[
        "chase DWP about the outstanding decision",
        "book follow-up appointment",
    ],
    referrals: &[
        "Signposted to local welfare rights service for tribunal representation if needed.",
        "Referred to food bank; voucher issued.",
        "Signposted to Help to Claim.",
        "Signposted to the council for Council Tax Reduction and the Household Support Fund.",
        "Signposted to local carers centre.",
        "Signposted to Jobcentre Plus work coach to discuss easements to work search.",
    ],
    p_finances: 0.4,
    p_health: 0.4,
};

const DEBT: Area = Area {
    topics: &[
        Topic {
            query: &[
                "{C} has several debts and cannot keep up with payments.",
                "{C} wants help with a budget after falling behind on bills.",
                "{C} asked whether a Debt Relief Order or bankruptcy would be possible.",
            ],
            advice: &[
                "Completed a budget using the Standard Financial Statement; surplus of {a} a month available for non-priority creditors.",
                "Explained debt options: token payments, debt management plan, DRO, IVA and bankruptcy, with pros and cons of each.",
                "{C} appears to meet the DRO criteria on debts, surplus and assets; to be confirmed once figures checked.",
                "Explained priority and non-priority debts; council tax, rent and energy to be dealt with first.",
            ],
            client: &[
                "gather all letters and statements from creditors",
                "complete the spending diary",
                "send bank statements for the last {n} months",
            ],
            adviser: &[
                "send token payment letters to non-priority creditors",
                "draft DRO application",
            ],
            decisions: &[
                "{C} wants to apply for a DRO.",
                "{C} prefers a debt management plan to keep things simple.",
                "{C} will offer token payments of £1 a month to non-priority creditors for now.",
            ],
            outcomes: &[
                "DRO application submitted.",
                "Creditors accepted token payments for 6 months.",
            ],
        },
        Topic {
            query: &[
                "{C} received a letter from enforcement agents about council tax arrears of {A}.",
                "{C} has a liability order for council tax arrears of {A}.",
            ],
            advice: &[
                "Explained enforcement agents' powers for council tax debt: no forced entry, keep the door closed and speak through it or by phone.",
                "Advised asking the council to take the account back from enforcement and agree an affordable arrangement.",
                "Explained that fees are added at each enforcement stage, so early contact matters.",
            ],
            client: &[
                "call the council to ask for enforcement to be paused",
                "pay {a} towards the council tax arrears",
            ],
            adviser: &[
                "write to the council asking for the account to be returned from enforcement",
            ],
            decisions: &["{C} will put council tax arrears first."],
            outcomes: &[
                "Enforcement on hold for 30 days while an arrangement is agreed.",
                "Council agreed an arrangement of {a} a month.",
            ],
        },
        Topic {
            query: &[
                "{C} has a county court claim form from {cred} and must respond by {d}.",
                "{C} received a default notice from {cred}.",
            ],
            advice: &[
                "Advised replying to the court claim within 14 days using the response pack with a realistic offer.",
                "Explained that a CCJ stays on the credit file for six years unless paid within a month.",
                "Advised checking whether the debt is statute-barred before acknowledging it.",
                "Explained the right to ask for a copy of the credit agreement.",
            ],
            client: &["return the court response pack"],
            adviser: &[
                "write to {cred} requesting a 30-day hold",
                "request a copy of the credit agreement",
            ],
            decisions: &["{C} will admit the claim and offer {a} a month."],
            outcomes: &[
                "Court accepted the offer of {a} a month.",
                "Response to the claim sent in time.",
            ],
        },
        Topic {
            query: &[
                "{C} is behind on energy bills and the supplier wants to fit a prepayment meter.",
                "{C} has been self-disconnecting from the prepayment meter.",
            ],
            advice: &[
                "Explained supplier obligations on prepayment meters where there is vulnerability.",
                "Suggested applying to the supplier's hardship fund or a charitable trust grant.",
                "Advised asking the supplier for a payment plan based on what is affordable.",
            ],
            client: &["take a meter reading and send it to the supplier"],
            adviser: &[
                "contact the energy supplier about the hardship fund",
                "apply to a charitable trust for help with the arrears",
            ],
            decisions: &["{C} wants to stay on a credit meter."],
            outcomes: &[
                "Supplier agreed not to fit a prepayment meter.",
                "Grant of {A} awarded towards the energy arrears.",
            ],
        },
        Topic {
            query: &[
                "{C} is being chased by {cred} for {A} and is getting daily calls.",
                "{C} asked about Breathing Space after losing a job at {emp}.",
            ],
            advice: &[
                "Adv. explained Breathing Space: 60 days' protection from interest, charges and enforcement.",
                "Explained that creditors can be told about mental health issues and a Debt and Mental Health Evidence Form requested.",
                "Explained that creditors must not harass and that contact can be asked for in writing only.",
            ],
            client: &["keep a log of calls from {cred}"],
            adviser: &[
                "apply for Breathing Space",
                "write to {cred} asking for contact in writing only",
            ],
            decisions: &["{C} wants a Breathing Space while looking for work."],
            outcomes: &["Breathing Space registered."],
        },
        Topic {
            query: &["{C} has a letter from {pcred} threatening further action."],
            advice: &[
                "Explained that priority creditors can take stronger action, so offers should be kept up.",
                "Advised against borrowing to pay debts.",
            ],
            client: &["pay {a} a week to {pcred}"],
            adviser: &["negotiate a payment plan with {pcred}"],
            decisions: &["{C} will make payments to {pcred} the priority."],
            outcomes: &["Payments to priority debts now affordable."],
        },
    ],
    detail: &[
        "Debts total roughly {B}.",
        "Has not opened post for weeks; brought a bag of letters.",
        "Has been using a credit card to pay other debts.",
        "Very anxious about bailiffs coming to the door.",
        "Not sleeping because of the calls.",
    ],
    situation: &[
        &[
            "Income is UC only; no assets; renting.",
            "Working {h} hours as a {job}; partner not working.",
            "Priority debts: council tax and energy. Non-priority: {cred} and an overdraft.",
            "Owes {A} to {pcred} and {A} to {cred}.",
            "Has a car on finance which is needed for work.",
            "Homeowner with a mortgage; behind by {n} payments.",
        ],
        &[
            "Budget shows a shortfall of {a} a month before any debt payments.",
            "Has been paying {a} a month to {cred} by skipping meals.",
            "No surplus once essential costs are met.",
            "Some debts may be statute-barred.",
            "Using the food bank occasionally.",
        ],
    ],
    advice: &[
        "Advised against borrowing to pay debts.",
        "Explained that creditors should be told about any change in income.",
        "Advised opening all post and bringing it to the next appointment.",
    ],
    client: &["bring all unopened post to next appointment"],
    adviser: &[
        "book follow-up appointment",
        "update the budget with new figures",
    ],
    referrals: &[
        "Referred to StepChange for a debt management plan.",
        "Signposted to food bank.",
        "Signposted to National Debtline for self-help packs.",
        "Referred to energy advice service for a Warm Home Discount check.",
        "Signposted to Citizens Advice money advice service.",
    ],
    p_finances: 0.6,
    p_health: 0.25,
};

const HOUSING: Area = Area {
    topics: &[
        Topic {
            query: &[
                "{C} received a section 21 notice from {ll} giving until {d} to leave.",
                "{C} has been told by {ll} to move out by {d}.",
            ],
            advice: &[
                "Checked the section 21 notice: may be invalid if the deposit was not protected or gas safety certificate and EPC were not given.",
                "Explained that the landlord needs a court order and bailiff warrant to evict; {c} does not have to leave on the date in the notice.",
                "Explained council duties under the Homelessness Reduction Act, including the prevention duty if homeless within 56 days.",
                "Advised contacting council housing options now rather than waiting for the bailiffs.",
            ],
            client: &[
                "contact council housing options and ask for a homelessness assessment",
                "find the tenancy agreement and deposit paperwork",
            ],
            adviser: &[
                "check the deposit protection schemes",
                "check the validity of the notice",
            ],
            decisions: &[
                "{C} will stay in the property until a court order is made.",
                "{C} decided to make a homelessness application.",
            ],
            outcomes: &[
                "Notice found to be invalid; {c} remains in the property.",
                "Prevention duty accepted by the council.",
            ],
        },
        Topic {
            query: &[
                "{C} has rent arrears of {A} and has received a notice seeking possession.",
                "{C} has a possession hearing on {d} for rent arrears of {A}.",
            ],
            advice: &[
                "Explained the pre-action protocol for rent arrears; a realistic repayment offer can stop possession.",
                "Explained that the duty solicitor can help on the day of the hearing.",
                "Advised applying for a Discretionary Housing Payment for the shortfall.",
                "Advised continuing to pay rent where possible.",
            ],
            client: &["pay {a} towards the arrears", "apply for DHP"],
            adviser: &[
                "draft a repayment offer to the landlord",
                "refer to Shelter for legal advice on the possession claim",
            ],
            decisions: &["{C} wants to offer {a} a week towards the arrears."],
            outcomes: &[
                "Possession hearing adjourned on terms.",
                "Landlord accepted the repayment offer.",
            ],
        },
        Topic {
            query: &[
                "{C} has damp and mould in the property and {ll} is not acting.",
                "{C} has had no heating for {n} weeks and {ll} has not arranged a repair.",
            ],
            advice: &[
                "Explained the landlord's repair obligations and how to report disrepair in writing.",
                "Advised keeping a log of contact with the landlord and dated photos of the disrepair.",
                "Advised an environmental health referral if the landlord does not respond within 14 days.",
                "Advised not to withhold rent as this could put the tenancy at risk.",
            ],
            client: &[
                "send written repair request to the landlord",
                "take dated photos of the damp and mould",
            ],
            adviser: &[
                "write to the landlord about the disrepair",
                "refer to environmental health",
            ],
            decisions: &["{C} will report the disrepair to environmental health."],
            outcomes: &[
                "Landlord agreed to carry out repairs by {d}.",
                "Environmental health inspection booked for {d}.",
            ],
        },
        Topic {
            query: &[
                "{C} is sofa-surfing and needs somewhere to live.",
                "{C} has been asked to leave by family and may be homeless within 56 days.",
            ],
            advice: &[
                "Explained council duties under the Homelessness Reduction Act, including the relief duty if already homeless.",
                "Explained that the council must provide interim accommodation if there is reason to believe {c} is in priority need.",
                "Talked through private renting with help from the council rent deposit scheme.",
            ],
            client: &[
                "contact council housing options and ask for a homelessness assessment",
                "ask family for a letter confirming the date to leave",
            ],
            adviser: &["make a referral to housing options under the duty to refer"],
            decisions: &["{C} decided to make a homelessness application."],
            outcomes: &[
                "Placed in temporary accommodation by the council.",
                "Relief duty accepted; personal housing plan agreed.",
            ],
        },
        Topic {
            query: &[
                "{C} wants to know whether {ll} can keep the deposit.",
                "{C} has moved out and {ll} is refusing to return the deposit of {A}.",
            ],
            advice: &[
                "Explained deposit protection rules and a possible claim of up to three times the deposit.",
                "Explained the free dispute service run by the deposit schemes.",
            ],
            client: &[
                "find the tenancy agreement and deposit paperwork",
                "send the check-out photos to Adviser",
            ],
            adviser: &["check the deposit protection schemes"],
            decisions: &["{C} will raise a dispute with the deposit scheme."],
            outcomes: &[
                "Deposit returned in full.",
                "Dispute raised with the deposit scheme.",
            ],
        },
        Topic {
            query: &[
                "{C} asked about applying to the housing register.",
                "{C} wants a move to a bigger property because of overcrowding.",
            ],
            advice: &[
                "Explained housing register banding and that waiting times are long.",
                "Explained how overcrowding is assessed under the allocation scheme.",
                "Talked through mutual exchange for social tenants.",
            ],
            client: &["complete the housing register application online"],
            adviser: &["send a letter of support for the housing application"],
            decisions: &[
                "{C} prefers to look for another private let rather than wait on the register.",
            ],
            outcomes: &["Accepted onto the housing register."],
        },
        Topic {
            query: &[
                "{C} says {ll} changed the locks while {c} was at work.",
                "{C} says {ll} keeps entering the property without notice.",
            ],
            advice: &[
                "Adv. explained that changing the locks without a court order is likely to be unlawful eviction.",
                "Explained the right to quiet enjoyment and that the landlord should give 24 hours' notice of visits.",
                "Advised calling the police if locked out and contacting the council tenancy relations officer.",
            ],
            client: &["keep a log of visits and texts from the landlord"],
            adviser: &["contact the tenancy relations officer"],
            decisions: &["{C} wants Adviser to write to the landlord."],
            outcomes: &["Landlord let {c} back in after contact from the council."],
        },
        Topic {
            query: &["{C} asked about a rent increase {ll} is proposing."],
            advice: &[
                "Explained how rent increases work for periodic tenancies and the right to challenge at the tribunal.",
                "Advised checking the rent against similar local properties.",
            ],
            client: &["look up rents for similar properties nearby"],
            adviser: &["check the notice of increase is valid"],
            decisions: &["{C} will try to negotiate a smaller increase."],
            outcomes: &["Landlord agreed a smaller increase."],
        },
    ],
    detail: &[
        "Has {n} weeks until the date in the notice.",
        "Has lived at the property for {n} years.",
        "Nowhere else to go.",
        "Landlord has been texting repeatedly.",
        "Worried about the children having to change school.",
    ],
    situation: &[
        &[
            "Private tenant on an assured shorthold tenancy; rent {mo} a month.",
            "Housing association tenant; rent {a} a week.",
            "Council tenant; joint tenancy with former partner.",
            "Living with {kids} in a one-bedroom flat.",
            "Staying with friends; no fixed address for post.",
            "Rent partly covered by the UC housing element, leaving a shortfall of {a} a month.",
        ],
        &[
            "Deposit was {A}; unclear whether it was protected.",
            "Arrears built up after hours were cut at {emp}.",
            "Landlord says they want to sell the property.",
            "Mould is affecting the children's bedroom; photos shown.",
            "No gas safety certificate has been seen.",
        ],
    ],
    advice: &[
        "Advised keeping copies of all letters and texts.",
        "Advised continuing to pay rent where possible.",
        "Explained housing register banding and that waiting times are long.",
    ],
    client: &["bring the tenancy agreement to next appointment"],
    adviser: &["book follow-up appointment"],
    referrals: &[
        "Referred to local council housing options.",
        "Signposted to Shelter helpline.",
        "Referred to environmental health.",
        "Signposted to the duty solicitor scheme for the possession hearing.",
        "Signposted to local homelessness day centre.",
    ],
    p_finances: 0.4,
    p_health: 0.2,
};

const EMPLOYMENT: Area = Area {
    topics: &[
        Topic {
            query: &[
                "{C} was dismissed from {emp} after {n} months and thinks it was unfair.",
                "{C} was dismissed by {emp} on {pd} without a meeting.",
            ],
            advice: &[
                "Explained that unfair dismissal usually needs two years' service unless the reason is automatically unfair.",
                "Explained that ACAS early conciliation comes before a tribunal claim; time limit is normally three months less one day.",
                "Explained the right to appeal against dismissal internally.",
            ],
            client: &[
                "notify ACAS for early conciliation",
                "send an appeal letter",
            ],
            adviser: &[
                "check the tribunal time limit",
                "refer to employment law clinic",
            ],
            decisions: &["{C} decided to start ACAS early conciliation."],
            outcomes: &[
                "ACAS certificate issued; {c} considering next steps.",
                "Settled through ACAS.",
            ],
        },
        Topic {
            query: &[
                "{C} has not been paid holiday pay on leaving {emp}.",
                "{C} has no payslips and thinks the pay is below minimum wage.",
            ],
            advice: &[
                "Explained holiday entitlement of 5.6 weeks and that untaken holiday should be paid on leaving.",
                "Explained National Minimum Wage rates and how to complain to HMRC.",
                "Advised asking for payslips in writing; workers are entitled to itemised payslips.",
            ],
            client: &["write to the employer asking for payslips"],
            adviser: &["calculate holiday pay owed"],
            decisions: &["{C} will write to the employer before taking it further."],
            outcomes: &[
                "Employer paid the outstanding holiday pay.",
                "HMRC complaint made.",
            ],
        },
        Topic {
            query: &[
                "{C} has been told hours are being cut to {sh} a week.",
                "{C} asked about rights as a zero-hours worker.",
            ],
            advice: &[
                "Explained that a change to contracted hours needs agreement unless the contract allows it.",
                "Explained zero-hours rights: holiday pay, minimum wage and no exclusivity clauses.",
                "Explained that UC may top up earnings while hours are low.",
            ],
            client: &["request a copy of the contract"],
            adviser: &["check the contract terms on hours"],
            decisions: &["{C} wants to try an informal conversation with the manager first."],
            outcomes: &["Hours restored after informal discussion."],
        },
        Topic {
            query: &[
                "{C} wants to raise a grievance about a manager at work.",
                "{C} says a supervisor at {emp} has been shouting at staff and singling {c} out.",
            ],
            advice: &[
                "Explained the grievance procedure and the ACAS Code of Practice.",
                "Explained the right to be accompanied at a grievance hearing.",
                "Advised keeping a diary of incidents with dates, times and witnesses.",
                "Suggested trying to resolve it informally first if safe to do so.",
            ],
            client: &[
                "send the grievance letter",
                "gather texts and emails about shifts",
            ],
            adviser: &["draft grievance letter with client"],
            decisions: &["{C} will raise a formal grievance."],
            outcomes: &[
                "Grievance upheld in part.",
                "Grievance meeting set for {d}.",
            ],
        },
        Topic {
            query: &[
                "{C} has been invited to a disciplinary hearing on {d}.",
                "{C} has been suspended by {emp} pending a disciplinary investigation.",
            ],
            advice: &[
                "Explained the right to be accompanied at a disciplinary hearing by a colleague or union rep.",
                "Explained the ACAS Code: the employer should set out the allegations and share the evidence beforehand.",
                "Advised preparing a written statement and any evidence in support.",
                "Explained that suspension should be on full pay unless the contract says otherwise.",
            ],
            client: &[
                "write a statement of events",
                "ask the employer for the evidence in advance",
            ],
            adviser: &["go through the statement with client"],
            decisions: &["{C} will ask a colleague to attend as companion."],
            outcomes: &[
                "Disciplinary ended with no further action.",
                "First written warning given; {c} considering an appeal.",
                "Hearing postponed to allow time to prepare.",
            ],
        },
        Topic {
            query: &[
                "{C} is pregnant and asked about maternity rights.",
                "{C} is pregnant and says shifts have been cut since telling the manager.",
            ],
            advice: &[
                "Explained maternity leave, SMP and protection from pregnancy discrimination.",
                "Explained paid time off for antenatal appointments.",
                "Explained that the employer must carry out a risk assessment for a pregnant worker.",
            ],
            client: &["tell the employer the expected week of childbirth in writing"],
            adviser: &["send factsheet on maternity rights"],
            decisions: &["{C} will raise the shift cuts with HR in writing."],
            outcomes: &["Shifts restored after {c} raised it with HR."],
        },
        Topic {
            query: &[
                "{C} asked for flexible working to fit around caring and was refused.",
                "{C} wants to ask {emp} for school-hours working.",
            ],
            advice: &[
                "Adv. explained the statutory right to request flexible working and the grounds for refusal.",
                "Advised setting out how the change could work for the employer.",
            ],
            client: &["put the request in writing"],
            adviser: &["check the reasons given for refusal"],
            decisions: &["{C} will appeal the refusal."],
            outcomes: &["Flexible working request agreed on appeal."],
        },
        Topic {
            query: &[
                "{C} has been put at risk of redundancy at {emp} and asked about redundancy pay.",
                "{C} is being made redundant on {d} and is not sure the pay is right.",
            ],
            advice: &[
                "Explained statutory redundancy pay, based on age, length of service and capped weekly pay.",
                "Explained the right to consultation and to be offered suitable alternative work.",
                "Explained reasonable paid time off to look for work during notice.",
            ],
            client: &["ask HR for the redundancy pay calculation"],
            adviser: &["calculate statutory redundancy pay"],
            decisions: &["{C} will accept the redundancy package."],
            outcomes: &["Redundancy pay checked and correct."],
        },
        Topic {
            query: &[
                "{C} has been off sick and the employer is paying SSP only.",
                "{C} has been off sick for {n} weeks and has been called to a sickness absence meeting.",
            ],
            advice: &[
                "Explained SSP rules and the fit note process.",
                "Explained reasonable adjustments where a health condition may count as a disability.",
                "Suggested asking for an occupational health referral.",
            ],
            client: &["send the latest fit note to the employer"],
            adviser: &["send information on reasonable adjustments"],
            decisions: &["{C} will ask for a phased return to work."],
            outcomes: &["Phased return agreed with the employer."],
        },
    ],
    detail: &[
        "Has worked there for {n} years.",
        "Employer has said it is just how things are.",
        "Wants to keep the job if possible.",
        "Does not want to cause trouble.",
        "Brought the contract and last payslip.",
    ],
    situation: &[
        &[
            "Employed as a {job} at {emp} on a permanent contract, {h} hours a week.",
            "Agency worker placed at {emp} for {n} months.",
            "On a zero-hours contract as a {job}; hours vary week to week.",
            "Employed for {n} years with no previous warnings.",
            "Works {h} hours a week as a {job}; paid {hr}.",
        ],
        &[
            "Has a written contract but no staff handbook.",
            "Has kept texts from the manager about shifts.",
            "Has been off work for {n} weeks with a fit note.",
            "Colleagues are willing to act as witnesses.",
            "No union at the workplace.",
        ],
    ],
    advice: &[
        "Advised checking for legal expenses cover on home insurance.",
        "Advised keeping copies of all letters and emails.",
        "Explained the tribunal time limits in outline.",
    ],
    client: &["request a copy of the contract"],
    adviser: &["book follow-up appointment"],
    referrals: &[
        "Signposted to ACAS helpline.",
        "Referred to employment law clinic for advice on the merits of a claim.",
        "Signposted to HMRC minimum wage complaint line.",
        "Signposted to Maternity Action.",
        "Signposted to Citizens Advice employment adviser.",
    ],
    p_finances: 0.2,
    p_health: 0.25,
};

const GENERAL: Area = Area {
    topics: &[
        Topic {
            query: &[
                "{C} needs help with a Blue Badge application.",
                "{C} needs support to complete an online claim for {ben}.",
            ],
            advice: &[
                "Went through the criteria and the evidence needed.",
                "Explained that decisions can be reviewed if the application is refused.",
            ],
            client: &["gather evidence for the application"],
            adviser: &["complete the online form with client"],
            decisions: &["{C} will make the application with Adviser's help."],
            outcomes: &["Application submitted during the appointment."],
        },
        Topic {
            query: &[
                "{C} asked about help with energy costs this winter.",
                "{C} wants help with a water bill that has doubled.",
                "{C} asked about a social tariff for broadband.",
            ],
            advice: &[
                "Explained the Warm Home Discount and the supplier's priority services register.",
                "Explained social tariffs for broadband and water.",
                "Advised asking the supplier for a payment plan based on what is affordable.",
            ],
            client: &[
                "call the supplier about a payment plan",
                "bring proof of income",
            ],
            adviser: &["check eligibility for the Household Support Fund"],
            decisions: &["{C} decided to join the priority services register."],
            outcomes: &["Social tariff applied and bill reduced."],
        },
        Topic {
            query: &[
                "{C} bought a faulty washing machine and the retailer refuses a refund.",
                "{C} paid a builder {A} and the work was not finished.",
            ],
            advice: &[
                "Explained consumer rights: goods must be of satisfactory quality, and a refund or repair can be asked for.",
                "Advised writing to the trader with a clear deadline for a response.",
                "Explained the small claims route as a last resort.",
            ],
            client: &["send the letter to the trader"],
            adviser: &["draft letter to the trader"],
            decisions: &["{C} will write to the trader first."],
            outcomes: &[
                "Retailer agreed a replacement.",
                "Trader agreed to finish the work by {d}.",
            ],
        },
        Topic {
            query: &[
                "{C} needs help applying for the council tax single person discount.",
                "{C} has been billed full council tax since a partner moved out.",
            ],
            advice: &[
                "Explained that the single person discount is 25% of the bill.",
                "Explained that the discount can be backdated to the date the household changed.",
            ],
            client: &["tell the council the date the partner moved out"],
            adviser: &["complete the discount form with client"],
            decisions: &["{C} will apply for the discount online."],
            outcomes: &["Discount applied and bill reduced."],
        },
        Topic {
            query: &[
                "{C} asked about help with school uniform and free school meals.",
                "{C} asked what help there is with school costs.",
            ],
            advice: &[
                "Explained eligibility for free school meals and the council's uniform grant.",
                "Explained the Household Support Fund for one-off help.",
            ],
            client: &["bring proof of income"],
            adviser: &["check eligibility for the Household Support Fund"],
            decisions: &["{C} will apply for free school meals today."],
            outcomes: &["Free school meals awarded."],
        },
        Topic {
            query: &[
                "{C} wants help with a complaint about a council service.",
                "{C} is unhappy with how the council handled a repairs request.",
            ],
            advice: &[
                "Explained the council complaints procedure and the Ombudsman stage.",
                "Advised keeping the complaint short, with dates and what outcome is wanted.",
            ],
            client: &["list the dates of contact with the council"],
            adviser: &["send the complaint letter template"],
            decisions: &["{C} will make a formal complaint."],
            outcomes: &["Complaint acknowledged; response due by {d}."],
        },
        Topic {
            query: &[
                "{C} was scammed by a caller claiming to be from the bank.",
                "{C} paid {A} to an online seller and the goods never arrived.",
            ],
            advice: &[
                "Advised contacting the bank fraud team at once and reporting to Action Fraud.",
                "Advised never to give security details to unexpected callers.",
                "Explained that the bank may have to refund an authorised push payment scam.",
            ],
            client: &["report the scam to Action Fraud"],
            adviser: &["book follow-up call"],
            decisions: &["{C} will ask the bank to refund the money."],
            outcomes: &["Bank agreed to refund the money."],
        },
        Topic {
            query: &[
                "{C} lost a bag with ID documents and needs help replacing them.",
                "{C} has no photo ID and needs some to open a bank account.",
            ],
            advice: &[
                "Explained how to replace a driving licence and birth certificate, and the costs.",
                "Explained the basic bank accounts that accept other proof of identity.",
            ],
            client: &["order a copy of the birth certificate"],
            adviser: &["write a letter confirming identity for the bank"],
            decisions: &["{C} will apply for a provisional driving licence as photo ID."],
            outcomes: &["Replacement documents applied for."],
        },
    ],
    detail: &[
        "Has no internet at home.",
        "Has tried the helpline without success.",
        "Needs it sorted before {d}.",
        "Finds the paperwork overwhelming.",
    ],
    situation: &[
        &[
            "Lives alone; pension income only.",
            "Lives with {kids}; on a low income.",
            "Working {h} hours a week as a {job}.",
            "Does not use a computer; relies on family for online forms.",
        ],
        &[
            "Has a prepayment meter and often self-disconnects.",
            "Receipt and bank statement available.",
            "Lost {A} to the scam.",
            "English is a second language; prefers plain explanations.",
        ],
    ],
    advice: &[
        "Advised keeping copies of everything sent.",
        "Explained what to do if there is no reply within 14 days.",
    ],
    client: &["bring any replies to next appointment"],
    adviser: &["book follow-up call"],
    referrals: &[
        "Signposted to Citizens Advice consumer helpline.",
        "Signposted to Action Fraud.",
        "Referred to local energy advice service.",
        "Signposted to library digital skills sessions.",
        "Signposted to the council Household Support Fund.",
    ],
    p_finances: 0.3,
    p_health: 0.15,
};

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
