//! Theme polarity in lists: the real binary over small articles written for
//! these tests. An item of one sentence under a lead-in that asks for
//! improvement is a concern whatever praise its own words hold ('It should
//! do better in these areas:' then 'A positive workplace for officers'). A
//! lead-in with no cue of its own takes that of the sentence before it in
//! its paragraph, and a lead-in stating a requirement ('The home must:') or
//! a question stating one ('What does the nursery need to do?') opens a
//! list of concerns. A list under praise keeps an item's own concern.

mod support;

use support::record_of;

/// The polarity of theme `id` in the record of `text`, if raised.
fn polarity_of(text: &str, id: &str) -> Option<String> {
    record_of(text)["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .map(|t| t["polarity"].as_str().unwrap().to_string())
}

/// Asserts that the record of `text` raises theme `id` with polarity `want`.
fn assert_polarity(text: &str, id: &str, want: &str) {
    assert_eq!(
        polarity_of(text, id).as_deref(),
        Some(want),
        "{id} in {text:?}"
    );
}

#[test]
fn an_item_under_a_call_for_improvement_is_a_concern_despite_its_own_praise() {
    let text = "Fenwick force told to improve\n\nInspectors published their report on Fenwick \
                Police on Tuesday.\n\nThe inspectorate said the force should do better in these \
                areas:\n\n- Answering emergency calls\n\n- A positive workplace for officers\n";
    assert_polarity(text, "staffing", "concern");
}

#[test]
fn a_lead_in_with_no_cue_takes_the_sentence_before_it() {
    let text = "Oldacre fire service report\n\nInspectors visited Oldacre Fire and Rescue Service \
                in March.\n\nInspectors found weaknesses in its work with staff. They listed \
                these areas:\n\n- equality and diversity among firefighters\n";
    assert_polarity(text, "diversity_inclusion", "concern");
}

#[test]
fn a_question_stating_a_requirement_opens_a_list_of_concerns() {
    let text = "Larch nursery report\n\nInspectors visited Larch Nursery in Oldacre.\n\nWhat \
                does the nursery need to do to improve?\n\n- arrange staff training in safe \
                sleep before the spring\n";
    assert_polarity(text, "training_development", "concern");
}

#[test]
fn an_item_under_praise_keeps_its_own_concern() {
    let text = "Kell prison report\n\nInspectors visited HMP Kellmoor in May.\n\nInspectors \
                praised the prison for these strengths:\n\n- purposeful activity was good\n\n- \
                staffing was too low at weekends\n";
    assert_polarity(text, "purposeful_activity", "strength");
    assert_polarity(text, "staffing", "concern");
}
