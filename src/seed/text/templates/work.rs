//! The advice areas about work: careers, employment, and general enquiries.

use super::*;

pub(super) const CAREERS: Area = Area {
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

pub(super) const EMPLOYMENT: Area = Area {
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

pub(super) const GENERAL: Area = Area {
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
