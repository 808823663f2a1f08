use rand::Rng;
pub struct SynthClient {
    pub name: String,
    pub date_of_birth: Option<String>,
    pub contact: Option<String>,
}
pub struct SynthSection {
    pub heading: String,
    pub sensitivity: &'static str,
    pub text: String,
}
pub struct SynthNote {
    pub channel: &'static str,
    pub sections: Vec<SynthSection>,
}
pub fn client<R: Rng + ?Sized>(rng: &mut R) -> SynthClient {
    SynthClient {
        name: format!("Sam Test{}", rng.random_range(0..1000)),
        date_of_birth: None,
        contact: None,
    }
}
pub fn advice_area<R: Rng + ?Sized>(rng: &mut R) -> u8 {
    rng.random_range(0..5)
}
pub fn note<R: Rng + ?Sized>(_rng: &mut R, first: &str, _area: u8) -> SynthNote {
    SynthNote {
        channel: "phone",
        sections: vec![
            SynthSection {
                heading: "Query / presenting issue".into(),
                sensitivity: "ordinary",
                text: format!("{first} asked about rent arrears."),
            },
            SynthSection {
                heading: "Health".into(),
                sensitivity: "special:health",
                text: "Anxiety.".into(),
            },
        ],
    }
}
