//! Synthetic clients and IAG case notes for `casenotes seed` and `casenotes demo`.
//!
//! Everything produced here is invented. Names are combinations of two word
//! lists, phone numbers sit in Ofcom's drama range (07700 900000-900999) and
//! email addresses use `example.org`. Note text is assembled from templates
//! whose `{slot}` markers are filled from further word lists, so large seeded
//! stores read like real advice notes without containing anyone's data.

use rand::Rng;
use rand::seq::IndexedRandom;

/// An invented client record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthClient {
    /// "Firstname Surname"; both parts are single words.
    pub name: String,
    /// "YYYY-MM-DD", for someone aged roughly 16 to 80.
    pub date_of_birth: Option<String>,
    /// A drama-range mobile number or an `example.org` email address.
    pub contact: Option<String>,
}

/// One headed section of a synthetic note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSection {
    pub heading: String,
    /// One of "ordinary", "confidential" or "special:<category>".
    pub sensitivity: &'static str,
    pub text: String,
}

/// A synthetic case note: how contact was made and its sections in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthNote {
    /// One of "in-person", "phone", "email", "video", "other".
    pub channel: &'static str,
    pub sections: Vec<SynthSection>,
}

const ORDINARY: &str = "ordinary";
const CONFIDENTIAL: &str = "confidential";

const FIRST_NAMES: &[&str] = &[
    "Oliver",
    "Amelia",
    "Jack",
    "Olivia",
    "Harry",
    "Isla",
    "Jacob",
    "Emily",
    "Noah",
    "Sophie",
    "Liam",
    "Grace",
    "Callum",
    "Eilidh",
    "Fraser",
    "Morag",
    "Rhys",
    "Cerys",
    "Dylan",
    "Ffion",
    "Gareth",
    "Bethan",
    "Connor",
    "Niamh",
    "Ciaran",
    "Aoife",
    "Sean",
    "Bridget",
    "Priya",
    "Arjun",
    "Sunita",
    "Rajesh",
    "Harpreet",
    "Gurpreet",
    "Simran",
    "Imran",
    "Fatima",
    "Zainab",
    "Yusuf",
    "Bilal",
    "Ayesha",
    "Hassan",
    "Amira",
    "Omar",
    "Layla",
    "Nadia",
    "Tariq",
    "Farah",
    "Kwame",
    "Ama",
    "Chidi",
    "Ngozi",
    "Tunde",
    "Folake",
    "Abdi",
    "Hodan",
    "Femi",
    "Kemi",
    "Delroy",
    "Marcia",
    "Winston",
    "Jermaine",
    "Shanice",
    "Tyrone",
    "Piotr",
    "Agnieszka",
    "Tomasz",
    "Katarzyna",
    "Andrei",
    "Ioana",
    "Mihai",
    "Elena",
    "Wei",
    "Mei",
    "Thanh",
    "Linh",
    "Giorgos",
    "Maria",
    "Kieran",
    "Jodie",
    "Shannon",
    "Kayleigh",
    "Lewis",
    "Ellie",
    "Dean",
    "Tracey",
    "Gary",
    "Sandra",
    "Keith",
    "Pauline",
    "Derek",
    "Janet",
];

const SURNAMES: &[&str] = &[
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Roberts",
    "Johnson",
    "Walker",
    "Robinson",
    "Wood",
    "Thompson",
    "Watson",
    "Jackson",
    "Wright",
    "Green",
    "Harris",
    "Cooper",
    "King",
    "Clarke",
    "Hughes",
    "Edwards",
    "Hall",
    "Morgan",
    "Griffiths",
    "Pritchard",
    "Llewellyn",
    "MacDonald",
    "Campbell",
    "Stewart",
    "Fraser",
    "McLean",
    "Murray",
    "O'Brien",
    "Murphy",
    "Kelly",
    "Byrne",
    "Doyle",
    "Gallagher",
    "Patel",
    "Shah",
    "Khan",
    "Hussain",
    "Ahmed",
    "Begum",
    "Ali",
    "Akhtar",
    "Iqbal",
    "Chaudhry",
    "Rahman",
    "Uddin",
    "Miah",
    "Singh",
    "Kaur",
    "Sharma",
    "Gill",
    "Sandhu",
    "Mistry",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Boateng",
    "Owusu",
    "Okonkwo",
    "Osman",
    "Warsame",
    "Nowak",
    "Kowalski",
    "Wisniewski",
    "Popescu",
    "Ionescu",
    "Yilmaz",
    "Chen",
    "Wang",
    "Nguyen",
    "Tran",
    "Georgiou",
    "Silva",
    "Santos",
    "Barker-Jones",
    "Ashworth",
    "Pemberton",
];

const MONTHS_SHORT: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const MONTH_DAYS: [i32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const MONTHS_LONG: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A line of work: its name, typical roles, employers and courses.
struct Sector {
    name: &'static str,
    jobs: &'static [&'static str],
    employers: &'static [&'static str],
    courses: &'static [&'static str],
}

const SECTORS: &[Sector] = &[
    Sector {
        name: "health and social care",
        jobs: &[
            "care assistant",
            "healthcare assistant",
            "support worker",
            "senior carer",
        ],
        employers: &[
            "a local care agency",
            "a residential care home",
            "the NHS trust",
            "a supported living provider",
        ],
        courses: &[
            "Level 2 Health and Social Care",
            "an Access to HE Diploma (Nursing)",
            "the Care Certificate",
        ],
    },
    Sector {
        name: "construction",
        jobs: &[
            "labourer",
            "site operative",
            "trainee electrician",
            "plasterer",
        ],
        employers: &[
            "a building contractor",
            "a housebuilder",
            "a groundworks firm",
            "a small electrical firm",
        ],
        courses: &[
            "a CSCS card course",
            "a Level 2 Diploma in Bricklaying",
            "a Level 2 Electrical Installation course",
        ],
    },
    Sector {
        name: "hospitality",
        jobs: &[
            "chef",
            "kitchen porter",
            "hospitality supervisor",
            "bar staff",
        ],
        employers: &[
            "a hotel chain",
            "a fast food franchise",
            "a pub company",
            "a contract caterer",
        ],
        courses: &[
            "a Level 2 Food Hygiene certificate",
            "a Level 2 Award in Customer Service",
            "a Level 2 Professional Cookery course",
        ],
    },
    Sector {
        name: "logistics",
        jobs: &[
            "warehouse operative",
            "forklift driver",
            "delivery driver",
            "stock controller",
        ],
        employers: &[
            "a distribution warehouse",
            "a parcel delivery firm",
            "an online retailer's fulfilment centre",
            "a haulage company",
        ],
        courses: &[
            "HGV Category C training",
            "a forklift (counterbalance) licence",
            "a Level 2 Warehousing course",
        ],
    },
    Sector {
        name: "IT",
        jobs: &[
            "IT support technician",
            "junior developer",
            "data entry clerk",
            "service desk analyst",
        ],
        employers: &[
            "a software company",
            "the council IT team",
            "a managed IT services firm",
            "a call centre",
        ],
        courses: &[
            "a skills bootcamp in software development",
            "a CompTIA A+ course",
            "a skills bootcamp in data analysis",
        ],
    },
    Sector {
        name: "retail",
        jobs: &[
            "retail assistant",
            "customer service adviser",
            "store supervisor",
            "checkout operator",
        ],
        employers: &[
            "a supermarket",
            "a discount store",
            "a high street clothing chain",
            "a garden centre",
        ],
        courses: &[
            "a Level 2 Award in Customer Service",
            "a Level 2 Retail Skills course",
            "Functional Skills Maths Level 1",
        ],
    },
    Sector {
        name: "early years",
        jobs: &[
            "nursery practitioner",
            "nursery assistant",
            "childminder",
            "playworker",
        ],
        employers: &[
            "a private day nursery",
            "a children's centre",
            "a preschool",
            "an after-school club",
        ],
        courses: &[
            "Level 3 Early Years Educator",
            "a Level 2 Early Years Practitioner course",
            "a paediatric first aid course",
        ],
    },
    Sector {
        name: "engineering",
        jobs: &[
            "engineering apprentice",
            "maintenance technician",
            "CNC operator",
            "production operative",
        ],
        employers: &[
            "a food processing plant",
            "an engineering works",
            "a car parts manufacturer",
            "a packaging factory",
        ],
        courses: &[
            "a Level 2 Engineering Operations course",
            "a Level 3 Engineering Technician apprenticeship",
            "a Level 2 Maintenance course",
        ],
    },
    Sector {
        name: "office administration",
        jobs: &[
            "admin assistant",
            "receptionist",
            "payroll assistant",
            "office junior",
        ],
        employers: &[
            "the council",
            "a solicitors' office",
            "a housing association",
            "an accountancy firm",
        ],
        courses: &[
            "AAT Level 2 Accounting",
            "a Level 2 Business Administration course",
            "an Excel skills course",
        ],
    },
    Sector {
        name: "security",
        jobs: &["security officer", "door supervisor", "CCTV operator"],
        employers: &[
            "a security firm",
            "a shopping centre",
            "a nightclub",
            "a hospital",
        ],
        courses: &[
            "the SIA door supervisor licence",
            "an SIA CCTV licence course",
            "an emergency first aid at work course",
        ],
    },
    Sector {
        name: "transport",
        jobs: &[
            "bus driver",
            "taxi driver",
            "train dispatcher",
            "van driver",
        ],
        employers: &[
            "the local bus company",
            "a private hire firm",
            "a train operator",
            "a van hire company",
        ],
        courses: &[
            "a PCV bus licence course",
            "HGV Category C training",
            "a taxi licensing knowledge test course",
        ],
    },
    Sector {
        name: "education",
        jobs: &[
            "teaching assistant",
            "lunchtime supervisor",
            "learning support assistant",
            "school cleaner",
        ],
        employers: &[
            "a primary school",
            "a secondary school",
            "an academy trust",
            "the FE college",
        ],
        courses: &[
            "Level 3 Supporting Teaching and Learning",
            "Functional Skills Maths Level 2",
            "Functional Skills English Level 2",
        ],
    },
    Sector {
        name: "cleaning and facilities",
        jobs: &["cleaner", "caretaker", "facilities assistant"],
        employers: &[
            "a cleaning contractor",
            "a hospital",
            "an office block",
            "a leisure centre",
        ],
        courses: &[
            "a Level 2 Cleaning Principles course",
            "ESOL Entry 3",
            "a Level 1 Health and Safety award",
        ],
    },
];

const BENEFITS: &[&str] = &[
    "UC",
    "PIP",
    "new style ESA",
    "Carer's Allowance",
    "Child Benefit",
    "Pension Credit",
    "Attendance Allowance",
    "Council Tax Reduction",
    "Housing Benefit",
    "new style JSA",
];

const CREDITORS: &[&str] = &[
    "a catalogue company",
    "a credit card provider",
    "a payday lender",
    "a doorstep lender",
    "a buy now pay later provider",
    "a debt collection agency",
    "a mobile phone provider",
    "a personal loan provider",
    "the bank (overdraft)",
    "a car finance company",
];

const PRIORITY_CREDITORS: &[&str] = &[
    "the council (council tax)",
    "the energy supplier",
    "the water company",
    "HMRC (tax credits overpayment)",
    "DWP (advance repayments)",
    "the magistrates' court (fine)",
    "the TV Licensing agency",
    "the landlord (rent)",
];

const LANDLORDS: &[&str] = &[
    "the landlord",
    "the private landlord",
    "the letting agent",
    "the resident landlord",
];

/// Health conditions paired with a typical medication.
const CONDITIONS: &[(&str, &str)] = &[
    ("anxiety and depression", "sertraline"),
    ("depression", "mirtazapine"),
    ("type 2 diabetes", "metformin"),
    ("type 1 diabetes", "insulin"),
    ("chronic back pain", "co-codamol"),
    ("COPD", "inhalers"),
    ("asthma", "a preventer inhaler"),
    ("fibromyalgia", "pregabalin"),
    ("long COVID", "several medications"),
    ("PTSD", "sertraline"),
    ("epilepsy", "lamotrigine"),
    ("arthritis in both knees", "naproxen"),
    ("ADHD", "methylphenidate"),
    ("bipolar disorder", "lithium"),
    ("MS", "several medications"),
    ("a heart condition", "bisoprolol"),
    ("generalised anxiety", "propranolol"),
    ("Crohn's disease", "mesalazine"),
    ("an eating disorder", "fluoxetine"),
    ("hearing loss", "no regular medication"),
];

const OFFENCES: &[&str] = &[
    "theft",
    "possession of a controlled drug",
    "driving while disqualified",
    "common assault",
    "criminal damage",
    "fraud",
    "shoplifting",
    "drink driving",
];

const UNIONS: &[&str] = &[
    "Unison", "Unite", "GMB", "USDAW", "the RCN", "the NEU", "PCS", "the CWU",
];

/// One kind of enquiry within an area, with advice, actions, decisions and
/// outcomes that fit it.
struct Topic {
    query: &'static [&'static str],
    advice: &'static [&'static str],
    client: &'static [&'static str],
    adviser: &'static [&'static str],
    decisions: &'static [&'static str],
    outcomes: &'static [&'static str],
}

/// Everything that varies by advice area.
struct Area {
    topics: &'static [Topic],
    /// Optional second sentence for the query.
    detail: &'static [&'static str],
    situation: &'static [&'static [&'static str]],
    /// Advice that fits any topic in the area.
    advice: &'static [&'static str],
    client: &'static [&'static str],
    adviser: &'static [&'static str],
    referrals: &'static [&'static str],
    p_finances: f64,
    p_health: f64,
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

const AREAS: [Area; 6] = [CAREERS, WELFARE, DEBT, HOUSING, EMPLOYMENT, GENERAL];

const GENERIC_REFERRALS: &[&str] = &[
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

const FINANCES: &[&[&str]] = &[
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

const FAMILY: &[&[&str]] = &[
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

const HEALTH: &[&[&str]] = &[
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
const SAFEGUARDING: &[(&str, &[&str])] = &[
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
type Special = (
    &'static str,
    &'static str,
    &'static [&'static [&'static str]],
);

const SPECIALS: &[(Special, f64)] = &[
    (
        (
            "Faith and practice",
            "special:religion",
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
            "special:criminal",
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
            "special:union",
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
            "special:ethnicity",
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
            "special:sexuality",
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
            "special:politics",
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

const H_QUERY: &str = "Query / presenting issue";
const H_SITUATION: &str = "Situation and needs";
const H_ADVICE: &str = "Information and advice given";
const H_DECISIONS: &str = "Client's decisions";
const H_ACTIONS: &str = "Actions agreed";
const H_REFERRALS: &str = "Referrals and signposting";
const H_OUTCOME: &str = "Outcome";
const H_FINANCES: &str = "Finances";
const H_FAMILY: &str = "Family circumstances";
const H_HEALTH: &str = "Health";
const H_SAFEGUARDING: &str = "Safeguarding";

/// Reference year for dates of birth, so output depends on the seed alone.
const REFERENCE_YEAR: u32 = 2025;

/// Makes an invented client: a two-part name, usually a date of birth and
/// usually a phone number or email address.
pub fn client<R: Rng + ?Sized>(rng: &mut R) -> SynthClient {
    let first = pick(rng, FIRST_NAMES);
    let last = pick(rng, SURNAMES);
    let mut name = String::with_capacity(first.len() + last.len() + 1);
    name.push_str(first);
    name.push(' ');
    name.push_str(last);

    let date_of_birth = rng.random_bool(0.85).then(|| {
        let year = REFERENCE_YEAR - rng.random_range(17..=80u32);
        let month = rng.random_range(1..=12u32);
        let day = rng.random_range(1..=days_in_month(year, month));
        let mut s = String::with_capacity(10);
        push_padded(&mut s, year, 4);
        s.push('-');
        push_padded(&mut s, month, 2);
        s.push('-');
        push_padded(&mut s, day, 2);
        s
    });

    let contact = if rng.random_bool(0.8) {
        if rng.random_bool(0.65) {
            let mut s = String::with_capacity(12);
            s.push_str("07700 900");
            push_padded(&mut s, rng.random_range(0..1000u32), 3);
            Some(s)
        } else {
            Some(email(rng, first, last))
        }
    } else {
        None
    };

    SynthClient {
        name,
        date_of_birth,
        contact,
    }
}

/// Picks an advice area index (0..6) for a client, weighted towards the
/// commonest kinds of enquiry. Keep it per client so notes hang together.
///
/// 0 careers, 1 welfare benefits, 2 debt, 3 housing, 4 employment rights,
/// 5 general advice (consumer, utilities, forms).
pub fn advice_area<R: Rng + ?Sized>(rng: &mut R) -> u8 {
    match rng.random_range(0..100u32) {
        0..25 => 0,
        25..50 => 1,
        50..68 => 2,
        68..83 => 3,
        83..93 => 4,
        _ => 5,
    }
}

/// Makes one case note for a client in advice area `area` (values past the
/// last area wrap round). `first_name` is the client's first name, used
/// sparingly in the text; advisers mostly write "Client".
pub fn note<R: Rng + ?Sized>(rng: &mut R, first_name: &str, area: u8) -> SynthNote {
    note_on(rng, first_name, area, None)
}

/// As [`note`], with the note's own date given as a day of the year (0 = 1 January), so that
/// due dates and other dates in the text fall around the contact.
pub fn note_on<R: Rng + ?Sized>(
    rng: &mut R,
    first_name: &str,
    area: u8,
    day_of_year: Option<u16>,
) -> SynthNote {
    let spec = &AREAS[usize::from(area) % AREAS.len()];
    let channel = match rng.random_range(0..100u32) {
        0..50 => "in-person",
        50..82 => "phone",
        82..90 => "email",
        90..97 => "video",
        _ => "other",
    };
    let mut g = Gen {
        rng,
        first: first_name.trim(),
        fixed: Fixed {
            base_day: day_of_year.map(|d| i32::from(d.min(364))),
            ..Fixed::default()
        },
    };
    let mut sections = Vec::with_capacity(10);

    let topic = &spec.topics[g.rng.random_range(0..spec.topics.len())];

    let mut text = String::with_capacity(192);
    if g.rng.random_bool(0.2) {
        text.push_str(g.opener(channel));
    }
    g.sentence(&mut text, topic.query);
    if g.rng.random_bool(0.45) {
        g.sentence(&mut text, spec.detail);
    }
    sections.push(section(H_QUERY, ORDINARY, text));

    if g.rng.random_bool(0.8) {
        let mut text = String::with_capacity(256);
        g.pools(&mut text, spec.situation, 1, 3);
        sections.push(section(H_SITUATION, ORDINARY, text));
    }

    let mut text = String::with_capacity(384);
    g.distinct(&mut text, topic.advice, 3);
    if g.rng.random_bool(0.4) {
        g.sentence(&mut text, spec.advice);
    }
    sections.push(section(H_ADVICE, ORDINARY, text));

    if g.rng.random_bool(0.35) {
        let mut text = String::with_capacity(128);
        g.sentence(&mut text, topic.decisions);
        sections.push(section(H_DECISIONS, ORDINARY, text));
    }

    if g.rng.random_bool(0.85) {
        let mut text = String::with_capacity(192);
        g.actions(&mut text, topic, spec);
        sections.push(section(H_ACTIONS, ORDINARY, text));
    }

    if g.rng.random_bool(0.35) {
        let mut text = String::with_capacity(160);
        g.distinct(&mut text, spec.referrals, 2);
        if g.rng.random_bool(0.3) {
            g.sentence(&mut text, GENERIC_REFERRALS);
        }
        sections.push(section(H_REFERRALS, ORDINARY, text));
    }

    if g.rng.random_bool(0.3) {
        let mut text = String::with_capacity(96);
        g.sentence(&mut text, topic.outcomes);
        sections.push(section(H_OUTCOME, ORDINARY, text));
    }

    if g.rng.random_bool(spec.p_finances) {
        let mut text = String::with_capacity(256);
        g.pools(&mut text, FINANCES, 2, 4);
        sections.push(section(H_FINANCES, CONFIDENTIAL, text));
    }

    if g.rng.random_bool(0.2) {
        let mut text = String::with_capacity(160);
        g.pools(&mut text, FAMILY, 1, 2);
        sections.push(section(H_FAMILY, CONFIDENTIAL, text));
    }

    if g.rng.random_bool(spec.p_health) {
        let mut text = String::with_capacity(192);
        g.pools(&mut text, HEALTH, 1, 3);
        sections.push(section(H_HEALTH, "special:health", text));
    }

    if g.rng.random_bool(0.04) {
        let mut text = String::with_capacity(192);
        let (concern, steps) = SAFEGUARDING[g.rng.random_range(0..SAFEGUARDING.len())];
        g.sentence_from(&mut text, concern);
        g.distinct(&mut text, steps, 2);
        sections.push(section(H_SAFEGUARDING, CONFIDENTIAL, text));
    }

    for &((heading, sensitivity, pools), p) in SPECIALS {
        if g.rng.random_bool(p) {
            let mut text = String::with_capacity(192);
            g.pools(&mut text, pools, 1, 2);
            sections.push(section(heading, sensitivity, text));
        }
    }

    SynthNote { channel, sections }
}

fn section(heading: &str, sensitivity: &'static str, text: String) -> SynthSection {
    SynthSection {
        heading: heading.to_owned(),
        sensitivity,
        text,
    }
}

fn pick<R: Rng + ?Sized>(rng: &mut R, list: &[&'static str]) -> &'static str {
    list.choose(rng).copied().unwrap_or("")
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn email<R: Rng + ?Sized>(rng: &mut R, first: &str, last: &str) -> String {
    let mut s = String::with_capacity(first.len() + last.len() + 16);
    let lower = |s: &mut String, part: &str| {
        s.extend(
            part.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
    };
    match rng.random_range(0..4u32) {
        0 => {
            lower(&mut s, first);
            s.push('.');
            lower(&mut s, last);
        }
        1 => {
            lower(&mut s, first);
            lower(&mut s, last);
            push_u32(&mut s, rng.random_range(1..100u32));
        }
        2 => {
            lower(&mut s, first.get(..1).unwrap_or(""));
            lower(&mut s, last);
        }
        _ => {
            lower(&mut s, first);
            s.push('_');
            push_u32(&mut s, rng.random_range(1960..2010u32));
        }
    }
    s.push_str("@example.org");
    s
}

fn push_u32(out: &mut String, mut v: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

fn push_padded(out: &mut String, v: u32, width: usize) {
    let mut digits = 1;
    let mut t = v / 10;
    while t > 0 {
        digits += 1;
        t /= 10;
    }
    for _ in digits..width {
        out.push('0');
    }
    push_u32(out, v);
}

/// Writes "£1,234" or "£1,234.56".
fn push_money(out: &mut String, pounds: u32, pence: Option<u32>) {
    out.push('£');
    push_grouped(out, pounds);
    if let Some(p) = pence {
        out.push('.');
        push_padded(out, p % 100, 2);
    }
}

fn push_grouped(out: &mut String, v: u32) {
    if v >= 1000 {
        push_grouped(out, v / 1000);
        out.push(',');
        push_padded(out, v % 1000, 3);
    } else {
        push_u32(out, v);
    }
}

/// Slot values chosen once per note, so that its sections agree with each
/// other: the same job, employer, creditor or condition throughout.
#[derive(Default)]
struct Fixed {
    sector: Option<&'static Sector>,
    past: Option<&'static Sector>,
    words: [Option<&'static str>; WORD_SLOTS],
    condition: Option<(&'static str, &'static str)>,
    kids: Option<(usize, [u32; 3])>,
    base_day: Option<i32>,
}

const JOB: usize = 0;
const EMP: usize = 1;
const CRS: usize = 2;
const JOB2: usize = 3;
const EMP2: usize = 4;
const BEN: usize = 5;
const CRED: usize = 6;
const PCRED: usize = 7;
const LL: usize = 8;
const UNION: usize = 9;
const OFF: usize = 10;
const WORD_SLOTS: usize = 11;

/// Fills templates for one note.
struct Gen<'a, R: ?Sized> {
    rng: &'a mut R,
    first: &'a str,
    fixed: Fixed,
}

impl<R: Rng + ?Sized> Gen<'_, R> {
    fn opener(&mut self, channel: &str) -> &'static str {
        let list: &[&'static str] = match channel {
            "in-person" => &[
                "Drop-in. ",
                "Pre-booked appt. ",
                "Seen at outreach session. ",
            ],
            "phone" => &[
                "Phone appt. ",
                "Telephone call. ",
                "Call back as arranged. ",
            ],
            "email" => &["Email enquiry. ", "Query by email. "],
            "video" => &["Video appt. ", "Seen by video call. "],
            _ => &["Seen at community hub. ", "Message via partner agency. "],
        };
        pick(self.rng, list)
    }

    /// Takes one sentence from the first pool and, for a total of `min..=max`
    /// sentences, one each from a random ordered subset of the other pools.
    fn pools(&mut self, out: &mut String, pools: &[&[&'static str]], min: usize, max: usize) {
        let avail = pools.len();
        let mut need = self.rng.random_range(min..=max).clamp(1, avail.max(1));
        for (i, pool) in pools.iter().enumerate() {
            if need == 0 {
                break;
            }
            if i == 0 || self.rng.random_range(0..avail - i) < need {
                self.sentence(out, pool);
                need -= 1;
            }
        }
    }

    /// Appends one to `max` different sentences from `list`.
    fn distinct(&mut self, out: &mut String, list: &[&'static str], max: usize) {
        let count = self.rng.random_range(1..=max.max(1)).min(list.len());
        let mut used = [usize::MAX; 4];
        for n in 0..count {
            let mut i = self.rng.random_range(0..list.len());
            while used.contains(&i) {
                i = (i + 1) % list.len();
            }
            used[n] = i;
            self.sentence_from(out, list[i]);
        }
    }

    fn sentence(&mut self, out: &mut String, list: &[&'static str]) {
        let tpl = pick(self.rng, list);
        self.sentence_from(out, tpl);
    }

    fn sentence_from(&mut self, out: &mut String, tpl: &str) {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        self.expand(out, tpl);
    }

    /// One to three lines of "Owner to do something by 12 Dec.", mostly
    /// drawn from the topic and sometimes from the area's general actions.
    fn actions(&mut self, out: &mut String, topic: &Topic, spec: &Area) {
        let count = self.rng.random_range(1..=3usize);
        let mut used: [&str; 3] = [""; 3];
        let mut lines = 0;
        for _ in 0..count + 2 {
            if lines == count {
                break;
            }
            let by_client = self.rng.random_bool(0.6);
            let from_topic = self.rng.random_bool(0.75);
            let list = match (by_client, from_topic) {
                (true, true) => topic.client,
                (true, false) => spec.client,
                (false, true) => topic.adviser,
                (false, false) => spec.adviser,
            };
            let tpl = pick(self.rng, list);
            if tpl.is_empty() || used.contains(&tpl) {
                continue;
            }
            used[lines] = tpl;
            lines += 1;
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(if by_client {
                "Client to "
            } else {
                "Adviser to "
            });
            self.expand(out, tpl);
            out.push_str(" by ");
            let offset = self.rng.random_range(3..=28);
            self.date(out, offset);
            out.push('.');
        }
    }

    /// Copies `tpl` into `out`, replacing each `{slot}` with generated text.
    fn expand(&mut self, out: &mut String, tpl: &str) {
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    self.slot(out, &after[..close]);
                    rest = &after[close + 1..];
                }
                None => {
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }

    fn who(&mut self, out: &mut String, word: &str) {
        if !self.first.is_empty() && self.rng.random_bool(0.15) {
            out.push_str(self.first);
        } else {
            out.push_str(word);
        }
    }

    /// Writes a date like "12 Dec", `offset` days after the note's own
    /// date (negative for the past), so the dates in one note cluster.
    fn date(&mut self, out: &mut String, offset: i32) {
        let base = *self
            .fixed
            .base_day
            .get_or_insert_with(|| self.rng.random_range(0..365));
        let mut day = (base + offset).rem_euclid(365);
        let mut month = 0;
        while month < 11 && day >= MONTH_DAYS[month] {
            day -= MONTH_DAYS[month];
            month += 1;
        }
        push_u32(out, day.unsigned_abs() + 1);
        out.push(' ');
        out.push_str(MONTHS_SHORT[month]);
    }

    fn slot(&mut self, out: &mut String, key: &str) {
        match key {
            "C" => self.who(out, "Client"),
            "c" => self.who(out, "client"),
            "d" => {
                let offset = self.rng.random_range(2..=42);
                self.date(out, offset);
            }
            "pd" => {
                let offset = self.rng.random_range(-60..=-1);
                self.date(out, offset);
            }
            "m" => out.push_str(pick(self.rng, MONTHS_LONG)),
            "a" => {
                let pounds = self.rng.random_range(5..=180u32);
                let pence = self
                    .rng
                    .random_bool(0.4)
                    .then(|| self.rng.random_range(1..100u32));
                push_money(out, pounds, pence);
            }
            "A" => {
                let pounds = if self.rng.random_bool(0.5) {
                    self.rng.random_range(30..=500u32) * 5
                } else {
                    self.rng.random_range(150..=2500u32)
                };
                let pence = self
                    .rng
                    .random_bool(0.25)
                    .then(|| self.rng.random_range(1..100u32));
                push_money(out, pounds, pence);
            }
            "mo" => push_money(out, self.rng.random_range(45..=190u32) * 10, None),
            "B" => push_money(out, self.rng.random_range(200..=2500u32) * 10, None),
            "hr" => {
                let pence = self.rng.random_range(1221..=1850u32);
                push_money(out, pence / 100, Some(pence % 100));
                out.push_str(" an hour");
            }
            "n" => push_u32(out, self.rng.random_range(2..=6u32)),
            "h" => push_u32(out, self.rng.random_range(16..=40u32)),
            "sh" => push_u32(out, self.rng.random_range(4..=15u32)),
            "yr" => push_u32(out, self.rng.random_range(2012..=2024u32)),
            "sector" => {
                let name = self.sector().name;
                out.push_str(name);
            }
            "job" => {
                let list = self.sector().jobs;
                out.push_str(self.word(JOB, list));
            }
            "emp" => {
                let list = self.sector().employers;
                out.push_str(self.word(EMP, list));
            }
            "crs" => {
                let list = self.sector().courses;
                out.push_str(self.word(CRS, list));
            }
            "job2" => {
                let list = self.past().jobs;
                out.push_str(self.word(JOB2, list));
            }
            "emp2" => {
                let list = self.past().employers;
                out.push_str(self.word(EMP2, list));
            }
            "ben" => out.push_str(self.word(BEN, BENEFITS)),
            "cred" => out.push_str(self.word(CRED, CREDITORS)),
            "pcred" => out.push_str(self.word(PCRED, PRIORITY_CREDITORS)),
            "ll" => out.push_str(self.word(LL, LANDLORDS)),
            "union" => out.push_str(self.word(UNION, UNIONS)),
            "off" => out.push_str(self.word(OFF, OFFENCES)),
            "cond" => out.push_str(self.condition().0),
            "med" => out.push_str(self.condition().1),
            "kids" => self.kids(out),
            _ => {}
        }
    }

    /// The note's line of work, chosen on first use.
    fn sector(&mut self) -> &'static Sector {
        if let Some(s) = self.fixed.sector {
            return s;
        }
        let s = &SECTORS[self.rng.random_range(0..SECTORS.len())];
        self.fixed.sector = Some(s);
        s
    }

    /// A previous line of work, different from [`Gen::sector`].
    fn past(&mut self) -> &'static Sector {
        if let Some(s) = self.fixed.past {
            return s;
        }
        let current = self.sector();
        let mut i = self.rng.random_range(0..SECTORS.len());
        if std::ptr::eq(&SECTORS[i], current) {
            i = (i + 1) % SECTORS.len();
        }
        let s = &SECTORS[i];
        self.fixed.past = Some(s);
        s
    }

    fn word(&mut self, slot: usize, list: &[&'static str]) -> &'static str {
        if let Some(w) = self.fixed.words[slot] {
            return w;
        }
        let w = pick(self.rng, list);
        self.fixed.words[slot] = Some(w);
        w
    }

    fn condition(&mut self) -> (&'static str, &'static str) {
        if let Some(c) = self.fixed.condition {
            return c;
        }
        let c = CONDITIONS[self.rng.random_range(0..CONDITIONS.len())];
        self.fixed.condition = Some(c);
        c
    }

    fn kids(&mut self, out: &mut String) {
        let (count, ages) = match self.fixed.kids {
            Some(k) => k,
            None => {
                let count = match self.rng.random_range(0..10u32) {
                    0..4 => 1,
                    4..8 => 2,
                    _ => 3,
                };
                let mut ages = [0u32; 3];
                for age in ages.iter_mut().take(count) {
                    *age = self.rng.random_range(1..=16u32);
                }
                ages[..count].sort_unstable();
                self.fixed.kids = Some((count, ages));
                (count, ages)
            }
        };
        let ages = &ages[..count];
        out.push_str(match count {
            1 => "one child aged ",
            2 => "two children aged ",
            _ => "three children aged ",
        });
        for (i, age) in ages.iter().enumerate() {
            if i > 0 {
                out.push_str(if i + 1 == count { " and " } else { ", " });
            }
            push_u32(out, *age);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use std::collections::HashSet;

    const ALLOWED: &[&str] = &[
        "ordinary",
        "confidential",
        "special:health",
        "special:religion",
        "special:ethnicity",
        "special:sexuality",
        "special:criminal",
        "special:union",
        "special:politics",
    ];

    const ORDER: &[&str] = &[
        H_QUERY,
        H_SITUATION,
        H_ADVICE,
        H_DECISIONS,
        H_ACTIONS,
        H_REFERRALS,
        H_OUTCOME,
        H_FINANCES,
        H_FAMILY,
        H_HEALTH,
        H_SAFEGUARDING,
        "Faith and practice",
        "Offending history",
        "Trade union",
        "Ethnicity and discrimination",
        "Sexual orientation",
        "Political opinions",
    ];

    fn sample(seed: u64, n: usize) -> Vec<(SynthClient, u8, SynthNote)> {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..n)
            .map(|_| {
                let c = client(&mut rng);
                let area = advice_area(&mut rng);
                let first = c.name.split(' ').next().unwrap().to_owned();
                let note = note(&mut rng, &first, area);
                (c, area, note)
            })
            .collect()
    }

    fn is_date(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    }

    #[test]
    fn notes_have_required_sections_and_valid_labels() {
        let notes = sample(1, 2000);
        let mut special = 0;
        let mut confidential = 0;
        for (_, _, note) in &notes {
            let headings: Vec<&str> = note.sections.iter().map(|s| s.heading.as_str()).collect();
            assert!(headings.contains(&H_QUERY), "{headings:?}");
            assert!(headings.contains(&H_ADVICE), "{headings:?}");
            let unique: HashSet<&str> = headings.iter().copied().collect();
            assert_eq!(unique.len(), headings.len(), "{headings:?}");
            let positions: Vec<usize> = headings
                .iter()
                .map(|h| ORDER.iter().position(|o| o == h).unwrap())
                .collect();
            assert!(positions.windows(2).all(|w| w[0] < w[1]), "{headings:?}");
            assert!(
                ["in-person", "phone", "email", "video", "other"].contains(&note.channel),
                "{}",
                note.channel
            );
            for s in &note.sections {
                assert!(ALLOWED.contains(&s.sensitivity), "{}", s.sensitivity);
                assert!(!s.text.trim().is_empty(), "{}", s.heading);
                if s.sensitivity.starts_with("special:") {
                    special += 1;
                }
                if s.sensitivity == "confidential" {
                    confidential += 1;
                }
            }
        }
        assert!(special > 0);
        assert!(confidential > 0);
    }

    #[test]
    fn text_is_plain_and_fully_expanded() {
        for (_, _, note) in sample(2, 2000) {
            for s in &note.sections {
                assert!(
                    s.text.chars().all(|c| c.is_ascii() || c == '£'),
                    "{}",
                    s.text
                );
                assert!(!s.text.contains('{') && !s.text.contains('}'), "{}", s.text);
                assert!(!s.text.contains("  "), "{:?}", s.text);
                assert!(!s.text.starts_with(' ') && !s.text.ends_with(' '));
            }
        }
    }

    #[test]
    fn actions_have_owner_and_due_date() {
        let mut seen = 0;
        for (_, _, note) in sample(3, 2000) {
            for s in note.sections.iter().filter(|s| s.heading == H_ACTIONS) {
                let lines: Vec<&str> = s.text.lines().collect();
                assert!((1..=3).contains(&lines.len()), "{}", s.text);
                for line in lines {
                    assert!(
                        line.starts_with("Client to ") || line.starts_with("Adviser to "),
                        "{line}"
                    );
                    let (_, due) = line.rsplit_once(" by ").unwrap();
                    let due = due.strip_suffix('.').unwrap();
                    let (day, month) = due.split_once(' ').unwrap();
                    assert!((1..=31).contains(&day.parse::<u32>().unwrap()), "{line}");
                    assert!(MONTHS_SHORT.contains(&month), "{line}");
                    seen += 1;
                }
            }
        }
        assert!(seen > 1000);
    }

    #[test]
    fn clients_look_right() {
        let mut rng = StdRng::seed_from_u64(4);
        let mut dob = 0;
        let mut contact = 0;
        let mut names = HashSet::new();
        for _ in 0..2000 {
            let c = client(&mut rng);
            let parts: Vec<&str> = c.name.split(' ').collect();
            assert_eq!(parts.len(), 2, "{}", c.name);
            assert!(parts.iter().all(|p| !p.is_empty()));
            names.insert(c.name.clone());
            if let Some(d) = &c.date_of_birth {
                dob += 1;
                assert!(is_date(d), "{d}");
                let year: u32 = d[..4].parse().unwrap();
                let month: u32 = d[5..7].parse().unwrap();
                let day: u32 = d[8..].parse().unwrap();
                assert!((REFERENCE_YEAR - 80..=REFERENCE_YEAR - 16).contains(&year));
                assert!((1..=12).contains(&month));
                assert!((1..=days_in_month(year, month)).contains(&day));
            }
            if let Some(k) = &c.contact {
                contact += 1;
                if let Some(rest) = k.strip_prefix("07700 900") {
                    assert_eq!(rest.len(), 3);
                    assert!(rest.bytes().all(|b| b.is_ascii_digit()));
                } else {
                    let (user, domain) = k.split_once('@').unwrap();
                    assert_eq!(domain, "example.org");
                    assert!(!user.is_empty());
                    assert!(
                        user.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
                    );
                }
            }
        }
        assert!((1550..1850).contains(&dob), "{dob}");
        assert!((1450..1750).contains(&contact), "{contact}");
        assert!(names.len() > 1500);
    }

    #[test]
    fn rates_are_roughly_as_intended() {
        let notes = sample(5, 20_000);
        let share = |heading: &str| {
            notes
                .iter()
                .filter(|(_, _, n)| n.sections.iter().any(|s| s.heading == heading))
                .count() as f64
                / notes.len() as f64
        };
        assert!((0.30..0.42).contains(&share(H_FINANCES)));
        assert!((0.16..0.24).contains(&share(H_FAMILY)));
        assert!((0.20..0.32).contains(&share(H_HEALTH)));
        assert!((0.02..0.06).contains(&share(H_SAFEGUARDING)));
        assert!((0.02..0.04).contains(&share("Offending history")));
        let in_person_or_phone = notes
            .iter()
            .filter(|(_, _, n)| n.channel == "in-person" || n.channel == "phone")
            .count();
        assert!(in_person_or_phone * 10 > notes.len() * 7);
        let mut areas = [0usize; 6];
        for (_, a, _) in &notes {
            areas[usize::from(*a)] += 1;
        }
        assert!(areas.iter().all(|&n| n > 0));
    }

    #[test]
    fn notes_vary_and_are_reproducible() {
        let a = sample(6, 500);
        let b = sample(6, 500);
        assert_eq!(a, b);
        let queries: HashSet<&str> = a
            .iter()
            .map(|(_, _, n)| n.sections[0].text.as_str())
            .collect();
        assert!(queries.len() > 350, "{}", queries.len());
        let whole: HashSet<String> = a
            .iter()
            .map(|(_, _, n)| {
                n.sections
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(whole.len(), a.len());
        let mut rng = StdRng::seed_from_u64(7);
        let named = (0..2000)
            .filter(|_| {
                note(&mut rng, "Zebedee", 1)
                    .sections
                    .iter()
                    .any(|s| s.text.contains("Zebedee"))
            })
            .count();
        assert!(named > 100 && named < 1900, "{named}");
    }

    #[test]
    fn any_area_value_and_empty_name_are_handled() {
        let mut rng = StdRng::seed_from_u64(8);
        for area in [0u8, 5, 6, 200, 255] {
            for _ in 0..50 {
                let n = note(&mut rng, "", area);
                assert_eq!(n.sections[0].heading, H_QUERY);
                assert!(n.sections.iter().all(|s| !s.text.is_empty()));
            }
        }
    }

    #[test]
    fn money_formatting() {
        let mut s = String::new();
        push_money(&mut s, 1234567, Some(5));
        assert_eq!(s, "£1,234,567.05");
        s.clear();
        push_money(&mut s, 999, None);
        assert_eq!(s, "£999");
        s.clear();
        push_money(&mut s, 1000, Some(50));
        assert_eq!(s, "£1,000.50");
    }
}
