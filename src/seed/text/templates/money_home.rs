//! The advice areas about money and a home: welfare benefits, debt, housing.

use super::*;

pub(super) const WELFARE: Area = Area {
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

pub(super) const DEBT: Area = Area {
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

pub(super) const HOUSING: Area = Area {
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
