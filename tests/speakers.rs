//! Who speaks: the real binary over small articles written for these tests.
//! A council quoted by name is the council speaking, not the service it runs
//! whose name opens with it; a passive sentence after a quotation ('"..." It
//! was found to be ...') names nobody, and the speaker before it stands; a
//! site's name ('Kestrel Bay') is no person a pronoun can refer to; a clause
//! closing the phrase before a quote ('praised staff after a recent report
//! found') names its own subject as the speaker; a partial quote in a
//! sentence about the inspection that names the inspector ('Lead inspector
//! Jo Fenwick was impressed with its "..."') is the inspector's; words
//! someone told the inspectors are not the inspectorate's; a police rank
//! ('Ch Supt') is no part of a name; 'The service said it had "..."' is the
//! service speaking, but 'Inspectors said the service was "..."' is not; a
//! post's remit in capitals ('lead for Education and Learning') ends before
//! the name; a relative clause beside a name ('Mr Hale, who was elected
//! in May, said') is no post; 'The report for Ysgol Bro Fenwick found' is the
//! inspectorate speaking, not the school; a number before a council ('Three
//! Fenwick Council-run homes') is no part of its name; a surname quoted
//! before the text gives the full name ('Moor says') is the person named later;
//! 'the prison spokeswoman' speaks for the prison named before ('HMP Fenmoor'),
//! and 'the spokesman' for the body the spokesman was met with; a headline's
//! quotation that someone else 'speaks out' with is not the inspectorate's;
//! 'the councillors said' is the group's words, not those of one of the
//! councillors named before, each of whom is an official, a party in
//! brackets after a name or not; a paragraph of quotation after one whose
//! sentence names a person as the subject of its first verb of saying, after
//! an opening phrase ('Speaking after the visit, Hale said ... and urged
//! Ofsted to ...'), is that person's, not the inspectorate's; councillors
//! that minutes list by surname after one plural title are each a councillor.
//! A spokesperson for a service named short ('Fenwick Lodge'), or a service
//! named with 'The' before, speaks for the service by its full name. A
//! verb of saying joined by 'and' to an earlier one ('Hale said ... since
//! the inspectors' visit and promised to "..."') keeps the earlier subject.
//! 'Another' before a council's name opens no part of it. A short opening
//! cut off by an attribution ('"In particular," Mr Hale said, "..."') starts
//! the quotation.
//! A spokesperson for an inspectorate named by its acronym ('a spokesman
//! from the CQC') speaks as the inspectorate, by its canonical name. A
//! national agency whose name opens with 'HM' ('HM Courts and Tribunals
//! Service said') speaks as itself. 'They' opening a phrase of verbs ('They
//! also commended the home's garden and noted') speaks, not the body named.
//! A post named with 'the' ('..., the chief nurse said') is the person last
//! named with that post. Children telling inspectors are unnamed people, but
//! 'Students' closing a body's name is no unnamed person. A name before a
//! relative clause ('Jo Hale from the inspectorate who led it said') speaks.
//! The reporter closing a standfirst ('..., reports Jo Hale') is no speaker,
//! and a quotation written again word for word is one quotation. The
//! unnamed people who run a body ('Managers at the trust') speak as the body. A
//! spokesman for the inspectorate, or one with no body named after the
//! inspectorate was named, speaks for the inspectorate. A quotation after a
//! phrase closed inside the reporter's own clause is a new quotation.
//! People's words quoted inside a quotation are quotations of their own.

mod support;

use serde_json::Value;
use support::{names_with, record_of};

/// The quotes of the record of the one article `text`.
fn quotes_of(text: &str) -> Vec<Value> {
    record_of(text)["quotes"].as_array().unwrap().clone()
}

/// The first quote whose text opens with `opening`.
fn quote_opening<'a>(quotes: &'a [Value], opening: &str) -> Option<&'a Value> {
    quotes
        .iter()
        .find(|q| q["text"].as_str().unwrap().starts_with(opening))
}

/// The speaker's name of the quote whose text opens with `opening` (empty
/// when it has no speaker); `None` when no quote opens so.
fn speaker_of(quotes: &[Value], opening: &str) -> Option<String> {
    quote_opening(quotes, opening).map(|q| q["speaker"]["name"].as_str().unwrap_or("").to_string())
}

/// The (name, role) of every official of the record of the one article
/// `text`, the role empty when there is none.
fn officials_of(text: &str) -> Vec<(String, String)> {
    names_with(&record_of(text), "officials", "role")
}

#[test]
fn a_council_quoted_by_name_speaks_as_the_council_not_its_service() {
    let text = "Children's services rated inadequate\n\nOfsted has rated Oldacre Council \
                children's social care services inadequate.\n\nOldacre Council said: \"We \
                accept the findings in full and have already begun to act on them.\"\n";
    let rec = record_of(text);
    let services: Vec<&str> = rec["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        services,
        ["Oldacre Council children's social care services"],
        "{rec:?}"
    );
    let quotes = rec["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let speaker = &quotes[0]["speaker"];
    assert_eq!(speaker["name"], "Oldacre Council", "{speaker:?}");
    assert_eq!(speaker["kind"], "organisation", "{speaker:?}");
}

#[test]
fn a_passive_sentence_after_a_quotation_names_no_speaker() {
    let text =
        "Prison failing\n\nHM Chief Inspector of Prisons Jo Fenwick published the report on \
                HMP Oldacre. Ms Fenwick said the prison had \"failed in its duty to keep men \
                safe.\" It was found to be one of the most violent jails.\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["name"], "Jo Fenwick", "{quotes:?}");
}

#[test]
fn a_site_named_before_a_pronoun_is_no_person() {
    let text = "Open prison praised\n\nHM Chief Inspector of Prisons Jo Fenwick visited Kestrel \
                Bay in April.\nThe inspector said Kestrel Bay had \"some of the better run \
                workshops\" she had seen.\nIn the report, she wrote: \"The offender management \
                unit was staffed by an impressive team.\"\n";
    let quotes = quotes_of(text);
    let last = quotes.last().unwrap();
    assert_eq!(last["speaker"]["name"], "Jo Fenwick", "{quotes:?}");
}

#[test]
fn a_clause_closing_the_phrase_before_a_quote_names_its_own_subject() {
    let text =
        "School praised\n\nA proud headteacher, Jo Fenwick, has praised staff after a recent \
                Ofsted report found the school \"is improving towards being outstanding\".\n\n\
                \"We are delighted,\" said Ms Fenwick after the meeting.\n";
    let quotes = quotes_of(text);
    let speaker_of =
        |start: &str| quote_opening(&quotes, start).map(|q| q["speaker"]["name"].clone());
    assert_eq!(
        speaker_of("is improving"),
        Some(serde_json::json!("Ofsted")),
        "{quotes:?}"
    );
    // After a quote, 'after' opens no clause: the speaker stands.
    assert_eq!(
        speaker_of("We are delighted"),
        Some(serde_json::json!("Jo Fenwick")),
        "{quotes:?}"
    );
}

#[test]
fn a_chief_inspectors_title_is_the_head_the_text_names_by_any_rule() {
    // 'Peter Clarke' is on the `inspectorate_heads` list but is found here
    // as a sentence's subject, with no post beside the name.
    let text = "Prison in crisis\n\nPeter Clarke said the jail was in a terrible state.\n\n\
                HM Chief Inspector of Prisons has called on the minister to launch an inquiry \
                into how HMP Fenwick has \"slipped into crisis\" in only 18 months.\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["name"], "Peter Clarke", "{quotes:?}");
}

#[test]
fn a_partial_quote_in_a_sentence_naming_the_inspector_is_the_inspectors() {
    let text = "Larch Primary rated good\n\nOfsted has rated Larch Primary School good.\n\n\
                Lead inspector Jo Fenwick was impressed with the school's \"curriculum that \
                meets every pupil's needs\" and its leaders.\n\nInspectors said the school \
                was \"a calm and happy place to learn\".\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["name"], "Jo Fenwick", "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["kind"], "person", "{quotes:?}");
    assert_eq!(quotes[1]["speaker"]["name"], "Ofsted", "{quotes:?}");
}

#[test]
fn words_someone_told_the_inspectors_are_not_the_inspectorates() {
    let text = "Care home rated good\n\nThe Care Quality Commission has rated Larch House \
                good.\n\nOne resident told inspectors that \"the staff here always make time \
                for us\".\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert!(
        quotes[0]["speaker"].is_null() || quotes[0]["speaker"]["name"] != "Care Quality Commission",
        "{quotes:?}"
    );
}

#[test]
fn a_police_rank_before_a_name_is_no_part_of_it() {
    let text = "Children's services told to improve\n\nOfsted rated Oldacre Council's \
                children's services as requires improvement.\n\nOldacre's Ch Supt Jo Fenwick \
                added: \"We are working hard with the council to address the findings.\"\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["name"], "Jo Fenwick", "{quotes:?}");
}

#[test]
fn the_service_as_the_whole_subject_speaks_for_the_service_and_only_then() {
    let text = "Fire service improves\n\nHMICFRS has inspected Fenwick Fire and Rescue \
                Service.\n\nThe service said it had \"made great strides in every area we \
                were asked to look at\".\n\nInspectors said the service was \"doing a very \
                good job of keeping people safe\".\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert_eq!(
        quotes[0]["speaker"]["name"], "Fenwick Fire and Rescue Service",
        "{quotes:?}"
    );
    assert_eq!(quotes[0]["speaker"]["kind"], "organisation", "{quotes:?}");
    assert_ne!(
        quotes[1]["speaker"]["name"], "Fenwick Fire and Rescue Service",
        "{quotes:?}"
    );
}

#[test]
fn a_posts_remit_written_in_capitals_is_no_part_of_the_name_after_it() {
    let text = "Nursery graded weak\n\nThe Care Inspectorate has graded Larch Nursery weak.\n\n\
                The council's strategic lead for Education and Learning Jo Fenwick said: \"We \
                are working with the nursery on every point the inspectors raised.\"\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["name"], "Jo Fenwick", "{quotes:?}");
}

#[test]
fn a_relative_clause_beside_a_name_takes_no_post_from_it() {
    // 'Mr Hale, who was elected last May, said' names no post: the convener
    // named in full before keeps the post his quote's attribution gave him.
    let text = "Council apologises after inadequate rating\n\nOfsted has rated Fenwick \
                children's services inadequate.\n\nFenwick Convener Joel Hale said: \"We \
                have fallen short and we are sorry for it.\"\n\nMr Hale, who was elected last \
                May, said the decline had lasted ten years.\n";
    let officials = officials_of(text);
    assert_eq!(officials.len(), 1, "{officials:?}");
    assert_eq!(officials[0].0, "Joel Hale");
    assert_eq!(officials[0].1, "Fenwick Convener");
}

#[test]
fn the_report_for_a_school_speaks_for_the_inspectorate_not_the_school() {
    let text = "Two schools inspected\n\nEstyn inspected two schools in Fenwick.\n\nThe report \
                for Ysgol Bro Fenwick found that overall the school is a setting in which \
                \"nearly all pupils behave well\".\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["name"], "Estyn", "{quotes:?}");
}

#[test]
fn a_number_before_a_council_is_no_part_of_its_name() {
    let text = "Homes rated outstanding\n\nThree Fenwick Council-run children's homes have been \
                rated outstanding following Ofsted inspections.\n\nThe council said the results \
                reaffirm its \"commitment to providing safe homes\".\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(
        quotes[0]["speaker"]["name"], "Fenwick Council",
        "{quotes:?}"
    );
}

#[test]
fn a_surname_quoted_before_the_full_name_is_given_is_that_person() {
    // A caption quotes 'Moor' above the paragraph that names Justin Moor.
    let text = "Youth justice service praised\n\n'We saw a service that is keen to help \
                children,' Moor says in his report. Picture: inspectorate\n\nThe service was \
                rated good, said the chief inspector of probation, Justin Moor.\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["name"], "Justin Moor", "{quotes:?}");
}

#[test]
fn a_prisons_spokesperson_speaks_for_the_prison_named_before() {
    // 'The prison spokeswoman' refers to HMP Fenmoor; 'The spokesman added'
    // is the spokesman met before, for the prison named then.
    let text = "Prison improving\n\nInspectors found HMP Fenmoor had improved.\n\nThe prison \
                spokeswoman said the jail had \"come through a difficult period over the last \
                years\".\n\nA spokesman for HMP Kellbury said a plan was in place.\n\nThe \
                spokesman added: \"We are pleased the report recognises our work.\"\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"]["name"], "HMP Fenmoor", "{quotes:?}");
    assert_eq!(quotes[1]["speaker"]["name"], "HMP Kellbury", "{quotes:?}");
}

#[test]
fn a_headline_quote_someone_else_speaks_out_with_is_not_the_inspectorates() {
    // The headline says who speaks ('a prisoner's wife speaks out'): not HMIP.
    let text = "'Nobody listened to him for years' - wife of a prisoner speaks out about HMP \
                Fenmoor\n\nHM Inspectorate of Prisons found HMP Fenmoor dirty and unsafe.\n\n\
                The chief inspector said the jail had \"failed its prisoners for too long\".\n";
    let quotes = quotes_of(text);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert!(quotes[0]["speaker"].is_null(), "{quotes:?}");
    // A headline quote with no such words stays the inspectorate's.
    let plain = quotes_of(
        "'Dirty and unsafe' conditions at HMP Fenmoor\n\nHM Inspectorate of Prisons found \
         HMP Fenmoor dirty and unsafe.\n",
    );
    assert_eq!(
        plain[0]["speaker"]["name"], "HM Inspectorate of Prisons",
        "{plain:?}"
    );
}

#[test]
fn councillors_speaking_together_are_no_one_of_them() {
    let text = "Councillors ask for review\n\nCouncillors Ann Bell (Green), Jo Hale (Labour), \
                and Sam Pike (Independent) have asked for a review of the youth justice \
                service.\n\nThe councillors said: \"Families deserve a full account of what \
                went wrong and when.\"\n";
    let rec = record_of(text);
    let officials: Vec<&str> = rec["officials"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    for name in ["Ann Bell", "Jo Hale", "Sam Pike"] {
        assert!(officials.contains(&name), "{name} not in {officials:?}");
    }
    let quotes = rec["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert!(quotes[0]["speaker"].is_null(), "{:?}", quotes[0]["speaker"]);
}

#[test]
fn the_subject_of_the_first_verb_of_saying_after_an_opening_phrase_speaks_next() {
    let text = "College rated\n\nOfsted rated Larch College good. Jo Hale is the college's \
                principal.\n\nSpeaking after the visit, Hale said staff deserved credit for \
                their work and urged Ofsted to publish its reports sooner.\n\n\"Our students \
                made this happen. Their results speak for themselves.\"\n";
    let quotes = quotes_of(text);
    let q = quote_opening(&quotes, "Our students made").unwrap();
    assert_eq!(q["speaker"]["name"], "Jo Hale", "{q:?}");
}

#[test]
fn councillors_listed_by_surname_in_minutes_are_each_a_councillor() {
    // Minutes list those present by surname after one plural title: each
    // surname is a councillor, though only the list's head carries the title.
    let text = "Scrutiny Panel\n\nPresent: Councillor Marsh in the Chair.\n\nCouncillors \
                Abbot, Fenn, O'Dwyer and Mumby-Rhys.\n\nThe panel heard how the Ofsted \
                inspection of the borough's children's services had gone.\n";
    let officials = officials_of(text);
    for name in ["Marsh", "Abbot", "Fenn", "O'Dwyer", "Mumby-Rhys"] {
        assert!(
            officials.contains(&(name.to_string(), "councillor".to_string())),
            "{name} missing: {officials:?}"
        );
    }
}

#[test]
fn a_spokesperson_for_a_service_named_short_speaks_for_the_service_by_its_full_name() {
    // 'A spokesperson for Fenwick Lodge' speaks for Fenwick Lodge Care Home,
    // the service the article rates; 'The Marlowe Medical Centre said' is
    // Marlowe Medical Centre.
    let q = quotes_of(
        "Care home rated inadequate\n\nThe Care Quality Commission has rated Fenwick Lodge \
         Care Home in Oldacre inadequate.\n\nA spokesperson for Fenwick Lodge said: \"We are \
         disappointed with the report and have already acted on it.\"\n",
    );
    let sp = speaker_of(&q, "We are disappointed");
    assert_eq!(sp.as_deref(), Some("Fenwick Lodge Care Home"), "{q:?}");
    let q = quotes_of(
        "Surgery rated inadequate\n\nThe Care Quality Commission has rated Marlowe Medical \
         Centre in Oldacre inadequate.\n\nThe Marlowe Medical Centre said: \"We do not accept \
         how the inspection was carried out.\"\n",
    );
    let sp = speaker_of(&q, "We do not accept");
    assert_eq!(sp.as_deref(), Some("Marlowe Medical Centre"), "{q:?}");
}

#[test]
fn a_verb_of_saying_joined_by_and_to_an_earlier_one_keeps_its_subject() {
    // 'Hale said ... since the inspectors' visit and promised to "..."': the
    // promise is the chief constable's, not the inspectorate's met nearer the
    // quotation.
    let q = quotes_of(
        "Force told to improve\n\nHM Inspectorate of Constabulary and Fire & Rescue Services \
         rated Fenwick Police requires improvement for investigating crime.\n\nChief \
         Constable Jo Hale said the force had moved on since the inspectors' visit and \
         promised to \"keep building our teams so that every victim gets a good service\".\n",
    );
    let sp = speaker_of(&q, "keep building");
    assert_eq!(sp.as_deref(), Some("Jo Hale"), "{q:?}");
}

#[test]
fn another_before_a_council_named_in_the_headline_is_no_part_of_its_name() {
    // 'Another Oldacre Council children's home ...': a council spokesperson
    // speaks for Oldacre Council.
    let q = quotes_of(
        "Another Oldacre Council children's home rated inadequate\n\nOfsted has rated an \
         Oldacre Council-run children's home inadequate.\n\nA council spokesperson said: \"We \
         accept the findings and have acted on them.\"\n",
    );
    let sp = speaker_of(&q, "We accept");
    assert_eq!(sp.as_deref(), Some("Oldacre Council"), "{q:?}");
}

#[test]
fn a_short_opening_cut_off_by_an_attribution_starts_the_quote() {
    // '"In particular," Mr Hale said, "the ..."' is one quotation: its text
    // opens with the two words before the attribution, the rest goes on.
    let q = quotes_of(
        "Prison praised\n\nJo Hale is the chief inspector. Inspectors found much to admire. \
         \"In particular,\" Mr Hale said, \"the way senior leaders walked the wings every day \
         was notable.\"\n",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0]["text"], "In particular,", "{q:?}");
    assert_eq!(q[0]["speaker"]["name"], "Jo Hale", "{q:?}");
}

#[test]
fn a_spokesperson_for_an_inspectorate_named_by_its_acronym_speaks_as_it() {
    // 'A spokesman from the CQC said: "..."': the Care Quality Commission,
    // by its canonical name, speaks.
    let q = quotes_of(
        "Care home rated inadequate\n\nThe Care Quality Commission has rated Larch Grange \
         inadequate.\n\nA spokesman from the CQC said: \"Our inspectors will go back to the \
         home within six months.\"\n",
    );
    let sp = speaker_of(&q, "Our inspectors");
    assert_eq!(sp.as_deref(), Some("Care Quality Commission"), "{q:?}");
}

#[test]
fn a_national_agency_named_with_hm_speaks_as_itself() {
    // 'HM' opens no body an `org_heads` word can close (it is read as an
    // inspectorate's title), so the justice system's agencies are named in
    // `org_names`: 'HM Courts and Tribunals Service said ... "..."' is that
    // agency speaking, not an unattributed quote.
    let q = quotes_of(
        "Court cells criticised\n\nHM Inspectorate of Prisons found the cells at Oldacre \
         Crown Court dirty.\n\nHM Courts and Tribunals Service said it would \"put right every \
         fault the inspectors listed\".\n",
    );
    let sp = speaker_of(&q, "put right");
    assert_eq!(
        sp.as_deref(),
        Some("HM Courts and Tribunals Service"),
        "{q:?}"
    );
}

#[test]
fn they_opening_a_phrase_of_verbs_is_the_speaker_not_a_body_it_names() {
    // 'They also commended the trust's garden and noted its "..."': the
    // inspectors of the sentence before, not the trust the phrase names.
    let q = quotes_of(
        "Trust rated good\n\nThe Care Quality Commission rated Larch Valley NHS Trust good \
         after an inspection in May.\n\nInspectors found its staff \"kind and patient with \
         every family\".\n\nThey also commended the trust's garden for carers and noted \
         its \"careful planning of every discharge\".\n",
    );
    let sp = speaker_of(&q, "careful planning");
    assert_eq!(sp.as_deref(), Some("Care Quality Commission"), "{q:?}");
}

#[test]
fn a_post_named_with_the_is_the_person_who_holds_it() {
    // 'chief nurse Ann Hale' first; later '..., the chief nurse said:' is
    // her, with her whole post ('chief nurse', not 'nurse').
    let text = "Hospital told to improve\n\nThe Care Quality Commission rated Larch General \
                Hospital in Oldacre as requires improvement.\n\nPresenting the report, chief \
                nurse Ann Hale pointed to shorter waits.\n\nManagers want the inspectors back \
                within a year, the chief nurse said: \"We are asking them to come sooner.\"\n";
    let q = quotes_of(text);
    assert_eq!(
        speaker_of(&q, "We are asking").as_deref(),
        Some("Ann Hale"),
        "{q:?}"
    );
    let o = officials_of(text);
    assert!(
        o.iter().any(|(n, r)| n == "Ann Hale" && r == "chief nurse"),
        "{o:?}"
    );
}

#[test]
fn children_telling_inspectors_are_unnamed_and_a_union_of_students_is_a_body() {
    // 'Children told inspectors "..."': unnamed people, not the inspectorate;
    // 'students' closing a capitalised name is the body's name.
    let q = quotes_of(
        "Training centre criticised\n\nOfsted found Larchmoor Secure Centre in Oldacre \
         inadequate.\n\nChildren told inspectors \"we do not feel safe at night\".\n\nThe \
         Fenshire Union of Students argued that the report was \"a long time coming\".\n",
    );
    assert_eq!(
        speaker_of(&q, "we do not feel").as_deref(),
        Some(""),
        "{q:?}"
    );
    let union = speaker_of(&q, "a long time").unwrap_or_default();
    assert!(union.contains("Fenshire Union"), "{q:?}");
}

#[test]
fn a_name_before_a_relative_clause_is_the_speaker() {
    // 'Jo Hale from the inspectorate who led the visit said:': Jo Hale, not
    // the inspection the clause names.
    let q = quotes_of(
        "Force told to improve\n\nHMICFRS rated Fenshire Police as requires improvement at \
         investigating crime.\n\nJo Hale from the inspectorate who led the inspection said: \
         \"The force must answer calls faster.\"\n",
    );
    assert_eq!(
        speaker_of(&q, "The force must").as_deref(),
        Some("Jo Hale"),
        "{q:?}"
    );
}

#[test]
fn the_reporter_closing_a_standfirst_is_no_speaker_and_a_repeat_counts_once() {
    // '..., reports Jo Hale' under the headline: Jo Hale wrote it down; the
    // inspectorate said it. The body then quotes the same words again.
    let q = quotes_of(
        "Fenwick youth service told to improve\n\nThe probation inspectorate said work with \
         children was 'patchy and too slow', reports Jo Hale\n\nFenwick Youth Justice Service \
         was rated inadequate.\n\nHM Inspectorate of Probation said the work was 'patchy and \
         too slow'.\n",
    );
    let speaker = speaker_of(&q, "patchy and too slow").unwrap_or_default();
    assert_ne!(speaker, "Jo Hale", "{q:?}");
    assert!(speaker.contains("Probation"), "{q:?}");
    let times = q
        .iter()
        .filter(|x| x["text"].as_str().unwrap().starts_with("patchy"))
        .count();
    assert_eq!(times, 1, "{q:?}");
}

#[test]
fn the_unnamed_bosses_of_a_body_speak_as_the_body() {
    // 'Managers at the trust': the trust, not the regulator whose report
    // the phrase goes on to name.
    let q = quotes_of(
        "Trust rated inadequate\n\nFenwick Hospitals NHS Trust has been rated inadequate by the \
         Care Quality Commission.\n\nManagers at the trust said sorry for the failings in the \
         report and vowed to keep \"putting patients first every day\".\n",
    );
    assert_eq!(
        speaker_of(&q, "putting patients first").as_deref(),
        Some("Fenwick Hospitals NHS Trust"),
        "{q:?}"
    );
}

#[test]
fn a_spokesman_for_the_inspectorate_or_after_it_is_named_speaks_for_it() {
    // 'a spokesman for the inspectorate': the inspectorate, not an unnamed
    // person.
    let q = quotes_of(
        "Forces told to answer calls faster\n\nHMICFRS rated Fenshire Police as requires \
         improvement for responding to the public.\n\n\"Forces must answer emergency calls far \
         more quickly,\" said a spokesman for the inspectorate.\n",
    );
    assert_eq!(
        speaker_of(&q, "Forces must answer").as_deref(),
        Some("HM Inspectorate of Constabulary and Fire & Rescue Services"),
        "{q:?}"
    );
    // 'A spokesman said:' after the inspectorate is named, with no body
    // named after it.
    let q = quotes_of(
        "Care home warned\n\nLarch Grange Care Home in Oldacre was graded weak by the Care \
         Inspectorate.\n\nThe home was sent a formal warning by the Care Inspectorate in June. \
         A spokesman said: \"We acted as soon as the evidence was clear.\"\n",
    );
    assert_eq!(
        speaker_of(&q, "We acted as soon").as_deref(),
        Some("Care Inspectorate"),
        "{q:?}"
    );
}

#[test]
fn a_quotation_after_a_phrase_in_the_reporters_own_clause_is_a_new_one() {
    // The phrase 'warm and patient staff' closes inside a sentence of the
    // reporter's that goes on (', although ..., the regulator said.'): the
    // next paragraph's quotation is not its continuation but a quotation
    // of its own, with its own speaker.
    let q = quotes_of(
        "Care home rated good\n\nThe Care Quality Commission rated Larch Lodge in Oldacre good. \
         Inspectors praised its 'warm and patient staff', although the home's records still \
         need work, the regulator said.\n\n\"Residents told us the staff treat them with \
         kindness and patience,\" the report added.\n",
    );
    let first = quote_opening(&q, "warm and patient").unwrap_or_else(|| panic!("{q:?}"));
    assert!(first["continued"].is_null(), "{q:?}");
    assert!(speaker_of(&q, "Residents told us").is_some(), "{q:?}");
}

#[test]
fn peoples_words_quoted_inside_a_quotation_are_quotations_of_their_own() {
    // A report quoting parents: each passage in single marks after 'said:'
    // or 'summed the staff up as' is one more quotation, of an unnamed
    // person; the report's own words stay the inspectorate's. Words a
    // report's summary gives about pupils are no parent's.
    let q = quotes_of(
        "Nursery rated good\n\nOfsted rated Larch Lane Nursery in Oldacre good. The report \
         said: \"Families were full of praise and several parents said: 'the staff always know \
         what my son needs', 'we feel listened to every day'. Another parent summed the staff \
         up as 'calm, kind and patient'.\"\n\nThe manager said: \"The report's summary on \
         behaviour singled out pupils: 'Pupils help each other at play'. We are proud of \
         them.\"\n",
    );
    for opening in [
        "the staff always know",
        "we feel listened",
        "calm, kind and patient",
    ] {
        let quote = quote_opening(&q, opening).unwrap_or_else(|| panic!("{opening}: {q:?}"));
        assert!(quote["speaker"]["name"].is_null(), "{q:?}");
        assert_eq!(quote["speaker"]["kind"], "person", "{q:?}");
    }
    assert_eq!(
        speaker_of(&q, "Families were full").as_deref(),
        Some("Ofsted"),
        "{q:?}"
    );
    assert!(speaker_of(&q, "Pupils help each other").is_none(), "{q:?}");
}
