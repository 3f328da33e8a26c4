//! Round-ups and the outlets a story cites: the real binary over small
//! articles written for these tests. A fire or police round-up that lists the
//! areas it graded at the end of a sentence ('... were: A, B and C.') names
//! each area's service, even when it names none of them in full; a list with
//! no grade word near it names none. A national outlet someone speaks to
//! ('told the Financial Times') is not the site the story is on; a local
//! paper is, and so is an outlet after the headline ('... - Eastbridge
//! Post'), which is no part of it. A police and crime commissioner's statement
//! that writes its office as a place's possessive ('Wrexford's Police and Crime
//! Commissioner') is published by the office under its name.

mod support;

use serde_json::Value;
use support::{names_with, record_of};

/// (name, locality) of each service of `rec`.
fn services(rec: &Value) -> Vec<(String, String)> {
    names_with(rec, "services", "locality")
}

#[test]
fn a_list_closing_a_graded_sentence_names_each_area_of_a_fire_round_up() {
    let text = "Fewer fire safety checks, watchdog finds\n\nFire services across England \
                carry out fewer safety checks than they did, inspectors found.\n\nThe \
                services rated requires improvement for their safety checks were: \
                Cornwall, Surrey and Warwickshire.\n\nOther fire services were rated good.\n";
    let got = services(&record_of(text));
    for area in ["Cornwall", "Surrey", "Warwickshire"] {
        assert!(
            got.contains(&(area.to_string(), area.to_string())),
            "{area} missing from {got:?}"
        );
    }
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn a_list_with_no_grade_word_near_it_names_no_service() {
    let text = "Fire services recruit\n\nFire services across England are recruiting \
                staff this spring.\n\nThe counties taking part this year were Cornwall, \
                Surrey and Warwickshire.\n\nMore fire services may join later.\n";
    assert_eq!(services(&record_of(text)), Vec::<(String, String)>::new());
}

#[test]
fn a_national_outlet_spoken_to_is_not_the_publisher_but_a_local_paper_is() {
    let cited = "Care home rated good\n\nThe Larch House care home has been rated good by \
                 inspectors.\n\nIts manager told the Financial Times that staff were \
                 delighted with the result.\n";
    assert_eq!(record_of(cited)["publisher"], Value::Null);
    let local = "Care home rated good\n\nThe Larch House care home has been rated good by \
                 inspectors.\n\nIts manager told the Fenwick Gazette that staff were \
                 delighted with the result.\n";
    assert_eq!(record_of(local)["publisher"], "Fenwick Gazette");
}

#[test]
fn an_outlet_after_the_headline_is_cut_off_it_and_publishes_the_story() {
    let text = "Fenwick care home rated good \u{2013} Eastbridge Post\n\nThe Larch House care \
                home has been rated good by inspectors.\n";
    let rec = record_of(text);
    assert_eq!(rec["title"], "Fenwick care home rated good");
    assert_eq!(rec["publisher"], "Eastbridge Post");
}

#[test]
fn a_commissioners_office_written_as_a_possessive_publishes_under_its_name() {
    // 'Wrexford's Police and Crime Commissioner': the office, not the force.
    let text = "Commissioner responds to inspection of Wrexford Police\n\nJo Hale, \
                Wrexford\u{2019}s Police and Crime Commissioner, has written to the \
                inspectorate after its PEEL report rated Wrexford Police as requires \
                improvement.\n\n\"We have work to do,\" she said.\n";
    let rec = record_of(text);
    assert_eq!(rec["doc_type"], "council_statement", "{rec}");
    assert_eq!(rec["publisher"], "Wrexford Police and Crime Commissioner");
}
