//! Names holding letters outside ASCII: the real binary over small articles
//! written for these tests. The rules are ASCII patterns run over a match
//! text in which such a letter reads as ASCII letters, so a Welsh school's
//! name with a circumflex ('Dŵr') and an inspector's with a diaeresis
//! ('Zoë') are read whole, and the record shows them as the article wrote
//! them.

mod support;

use support::{names_with, record_of};

#[test]
fn a_school_name_with_a_circumflex_is_read_whole() {
    let rec = record_of(
        "Estyn praises Fenwick school\n\n\
         Ysgol Bryn Dŵr Primary School in Fenwick has been judged good by Estyn inspectors.\n\n\
         The inspection team found that pupils make strong progress.\n",
    );
    let services = names_with(&rec, "services", "locality");
    assert_eq!(
        services,
        vec![(
            "Ysgol Bryn Dŵr Primary School".to_string(),
            "Fenwick".to_string()
        )],
        "{rec}"
    );
}

#[test]
fn an_inspector_with_a_diaeresis_in_her_name_is_an_official_with_her_post() {
    let rec = record_of(
        "Police force told to improve by inspectors\n\n\
         Fenwick Police has been graded as requires improvement in its latest PEEL \
         inspection by HMICFRS.\n\n\
         Zoë Fenner, HM Inspector of Constabulary, said the force had made progress \
         but needed to answer emergency calls faster.\n",
    );
    let officials = names_with(&rec, "officials", "role");
    assert!(
        officials.contains(&(
            "Zoë Fenner".to_string(),
            "HM Inspector of Constabulary".to_string()
        )),
        "{officials:?}"
    );
}
