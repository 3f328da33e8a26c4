//! Area grades read from lists: the real binary over small articles written
//! for these tests. A list that runs on to the next grade ('... in the
//! caring and well-led categories, and good for safe') keeps its areas; a
//! grade 'for providing' services names the services' areas, not the word
//! 'providing'. A body named in a grade's subject ('praised Oldacre
//! Council after its children's services were rated good', 'Larch College,
//! which ..., was rated inadequate', 'Fenwick Lodge Care Home in Oldacre was
//! rated') makes it the service's overall grade, unless the body only places
//! the subject ('the A&E at Larch Hospital'). A
//! list in brackets runs over its semicolons. Inside a quotation, areas are
//! read only when the speaker reports a grading ('"The inspectors rated the
//! hospital good for safe ...'). When a grade was given ('in either 2022 or
//! 2023') is no area. A youth justice service's acronym in the subject makes
//! the grade its own, unless it only runs the subject ('set up by Fenwick
//! YOT'). A count of services ('good for six services') is no area, and a
//! reported clause in a list ('..., Mr Hale told parents it') is dropped
//! from it. A clause naming several of an inspectorate's own areas and one
//! grade grades each of them. A practice's surgeries graded together are
//! graded overall. The healthy prison tests named together take their one grade;
//! one test named twice is no list. CQC's key questions written as a list
//! take their clause's one grade. 'the area' before an area and a reason after
//! it ('due to ...') are no part of it. What was graded before a grade whose
//! areas follow it ('The playgroup was judged adequate in staffing and
//! leadership') is no area, nor is a name the text only writes capitalised;
//! nor are a count of areas ('every category'), a rank ('the highest mark')
//! or an inspection's name ('its annual assessment'), nor the people a
//! finding is good for ('good for all prisoners'). A grade after an area
//! that a grade right before it already graded ('judged good in terms of
//! leadership, the home was judged inadequate overall'), or after a clause
//! break (', but the home was'), is not the area's. A grade pointed back at
//! one area ('its top grade in this area') is no overall grade. A sentence
//! opening with an earlier time ('Last year, ...') gives no grades. A bracket
//! an area opens and does not close ('anti-social behaviour (ASB') is dropped.
//! A clause after a grade that opens with a verb ('..., is a result to be
//! proud of') is no area; 'for delivering services that are responsive' grades
//! responsive. What was found ('an unusual and surprising finding') and a
//! clause opening with 'to' ('found to be short of staff') are no areas either.
//! The grade an overall rating 'had improved to' wins over an overall grade
//! restated from the last inspection earlier in the text. A clause set off
//! by commas right before a change of grade ('The college ..., drawn up
//! three days ago, has slumped from good to inadequate') is no area. HMICFRS
//! areas holding commas or 'and' ('building, supporting and protecting its
//! workforce', 'use of stop and search') are one area each. The month a
//! grade was given in ('inadequate in May') is no area. Areas a grade was
//! counted across and then named in the next sentence ('outstanding across
//! all four categories. These include ...') take that grade. A status
//! ('special measures for three failings') grades no areas. A company named as
//! a grade's subject ('Kell Care Limited, on Mill Road, was rated') takes it
//! as its overall grade. A pronoun subject ('they are still graded as') and
//! a clause after ', where' name no area, nor do a count of domains, a span
//! of time ('in a month'), 'this area' or a clause opening with 'it's'; an
//! item's opening 'including' is no part of it. A list linked to the next
//! grade by 'then' keeps its areas. CQC's key questions asked as questions
//! ('is the service safe'), named as sections that moved or stayed, listed
//! in the sentence after a grade given in each category, or asked with
//! 'how' in a change of grade take their grades. A grade given in all
//! categories grades the areas another sentence lists with no grade ('Its
//! report covers ...'), but not areas a speaker names in a quotation. A
//! clause of contrast after a grade (', though its record keeping ...')
//! starts the areas of the grade after it. Areas counted at a grade or
//! 'areas that require improvement' are the ones the next sentence lists
//! ('They are ...', 'These are: A; B; and C'), and a grade and its areas
//! stand either side of an aside in dashes. The one area graded apart from
//! the rest ('except its nursery, which was judged good') has that grade,
//! and it is not the overall grade. A key question asked as a question
//! without its hyphen ('is the home well led') is the area 'well led'. A
//! grade named with its noun for an area ('a good rating for being safe') is
//! no overall grade, and a list item opening with a verb ('and received a')
//! is no area. The one area excepted from a grade given to every area
//! ('good in every area apart from X, which requires improvement') takes its
//! own grade; 'with the X judged outstanding' grades X. Areas graded with
//! the verb left out after an area grade ('A was rated outstanding, B good
//! and C requires improvement') take their grades; a grade word followed by
//! another word ('good progress') is no such grade. An inspectorate only
//! inferred (a nursery's) does not rule out the grades of another scale.
//! The body that graded an area ('by the Care Inspectorate') is no part of
//! it, and a past grade silences its own clause only. What was upgraded,
//! named between the verb and the grade, is the service (its overall grade)
//! or an area. Probation's standards written with 'and' ('governance and
//! leadership') are one area each, and a lead-in ('Of the standards
//! inspected,') is none. A possessive naming whose area it is ('the
//! childminder's care and support') is no part of the area. 'The latter' is
//! no area, and 'the department' downgraded is the service. A key question
//! written as a clause keeps its verb ('how well it was led'), and a grade
//! 'for keeping patients safe' is no overall grade.

mod support;

use support::{names_with, record_of};

/// The (scope, value) of every rating of the one article `text`.
fn ratings_of(text: &str) -> Vec<(String, String)> {
    record_of(text)["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["scope"].as_str().unwrap().to_string(),
                r["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(ratings: &[(String, String)], scope: &str, value: &str) -> bool {
    ratings.iter().any(|(s, v)| s == scope && v == value)
}

/// Asserts that `ratings` hold every (scope, value) of `expected`.
fn has_all(ratings: &[(String, String)], expected: &[(&str, &str)]) {
    for (scope, value) in expected {
        assert!(
            has(ratings, scope, value),
            "{scope}: {value} not in {ratings:?}"
        );
    }
}

#[test]
fn a_list_running_on_to_the_next_grade_keeps_its_areas() {
    let r = ratings_of(
        "Home care firm praised\n\nCQC inspectors rated Larchfield Care as outstanding in the \
         caring and well-led categories, and good for safe, effective and responsive.\n",
    );
    has_all(
        &r,
        &[
            ("caring", "Outstanding"),
            ("well-led", "Outstanding"),
            ("safe", "Good"),
            ("responsive", "Good"),
        ],
    );
}

#[test]
fn a_grade_for_providing_services_names_their_areas() {
    let r = ratings_of(
        "Surgery rated\n\nThe CQC inspected Kell Surgery. We rated the practice as inadequate for \
         providing services that were safe and well-led, and requires improvement for providing \
         effective services because:\n\n- records were incomplete\n",
    );
    assert!(has(&r, "safe", "Inadequate"), "{r:?}");
    assert!(has(&r, "well-led", "Inadequate"), "{r:?}");
    assert!(
        r.iter()
            .all(|(s, _)| !s.contains("providing") && !s.contains("records")),
        "{r:?}"
    );
}

#[test]
fn a_body_named_in_the_subject_makes_the_grade_the_services_own() {
    let r = ratings_of(
        "Minister praises council\n\nA minister has praised Oldacre City Council after its \
         children's social care department was rated good by Ofsted.\n",
    );
    assert_eq!(r, [("overall".to_string(), "Good".to_string())]);
    let r = ratings_of(
        "College told to improve\n\nLarch College, which has 4,000 students across two campuses \
         near Oldacre and Fenwick, was rated inadequate by Ofsted.\n",
    );
    assert_eq!(r, [("overall".to_string(), "Inadequate".to_string())]);
    // A count of areas in the subject: no grade of the whole, and no area.
    let r = ratings_of(
        "Council assessed\n\nThe Care Quality Commission assessed the council. In eight out of \
         nine categories, Fenwick Borough Council was deemed to require improvement.\n",
    );
    assert!(r.iter().all(|(s, _)| s != "overall"), "{r:?}");
}

#[test]
fn a_bracketed_list_runs_over_its_semicolons() {
    let r = ratings_of(
        "Nursery graded\n\nThe Care Inspectorate inspected Larch Nursery. Inspectors gave three \
         grades of good (for care, play and learning; leadership; and the staff team) and one of \
         adequate (for the setting) after the visit.\n",
    );
    has_all(
        &r,
        &[
            ("care, play and learning", "Good"),
            ("leadership", "Good"),
            ("the staff team", "Good"),
            ("the setting", "Adequate"),
        ],
    );
}

#[test]
fn a_grade_in_terms_of_areas_grades_them_not_the_whole() {
    let r = ratings_of(
        "Home told to improve\n\nThe CQC inspected Larch House. The home was rated inadequate in \
         terms of safety and leadership.\n",
    );
    assert!(has(&r, "safety", "Inadequate"), "{r:?}");
    assert!(has(&r, "leadership", "Inadequate"), "{r:?}");
    assert!(r.iter().all(|(s, _)| s != "overall"), "{r:?}");
}

#[test]
fn a_quoted_grading_gives_its_areas_and_other_quoted_grades_do_not() {
    let r = ratings_of(
        "Trust responds to CQC report\n\nThe Care Quality Commission has published its report on \
         Fenwick NHS Trust.\n\nChief executive Ann Bell said: \u{201C}The inspectors rated Fenwick \
         General Hospital good for safe and caring and requiring improvement for effective \
         and well-led.\u{201D}\n",
    );
    has_all(
        &r,
        &[
            ("safe", "Good"),
            ("caring", "Good"),
            ("effective", "Requires improvement"),
            ("well-led", "Requires improvement"),
        ],
    );
    // The same words with no grading reported: the speaker's own praise.
    let r = ratings_of(
        "Trust responds to CQC report\n\nThe Care Quality Commission has published its report on \
         Fenwick NHS Trust.\n\nChief executive Ann Bell said: \u{201C}Our staff are good for safe \
         and caring work and we are proud of them.\u{201D}\n",
    );
    assert!(!has(&r, "safe", "Good"), "{r:?}");
}

#[test]
fn a_grade_for_every_area_is_no_overall_grade() {
    for text in [
        "School praised\n\nAshbury Primary School was rated outstanding across-the-board by Ofsted \
         inspectors.\n",
        "Surgery praised\n\nThe Care Quality Commission inspected Elm Surgery, and inspectors rated \
         it good on every area inspected.\n",
    ] {
        let r = ratings_of(text);
        assert!(!r.iter().any(|(s, _)| s == "overall"), "{text}: {r:?}");
    }
}

#[test]
fn a_named_home_placed_in_a_town_is_the_subject_of_its_grade_and_an_area_at_a_hospital_stays_one() {
    // 'Fenwick Lodge Care Home in Oldacre was rated as ...': the home's own
    // grade, not an area called 'Fenwick Lodge Care Home in Oldacre'.
    let r = ratings_of(
        "Care home told to improve\n\nFenwick Lodge Care Home in Oldacre was rated as requires \
         improvement by the Care Quality Commission.\n",
    );
    assert!(has(&r, "overall", "Requires improvement"), "{r:?}");
    // '..., and as a result the PDU was rated as ...': the unit's own grade.
    let r = ratings_of(
        "Probation unit told to improve\n\nHM Inspectorate of Probation inspected Oldacre PDU. \
         Planning was not effective enough, and as a result the PDU was rated as 'Requires \
         improvement'.\n",
    );
    assert!(has(&r, "overall", "Requires improvement"), "{r:?}");
    // 'the A&E at Larch Hospital was rated good': an area of the hospital.
    let r = ratings_of(
        "Hospital inspected\n\nThe Care Quality Commission inspected Larch Hospital. By \
         contrast, the A&E at Larch Hospital was rated good by inspectors.\n",
    );
    assert!(has(&r, "the A&E", "Good"), "{r:?}");
    assert!(!has(&r, "overall", "Good"), "{r:?}");
}

#[test]
fn a_count_out_of_the_whole_lists_its_areas_in_brackets() {
    let r = ratings_of(
        "Care home rated\n\nThe Care Quality Commission rated Larch House requires improvement \
         in four out of five inspection measures (safe, effective, responsive and well-led).\n",
    );
    for scope in ["safe", "effective", "responsive", "well-led"] {
        assert!(
            has(&r, scope, "Requires improvement"),
            "{scope} not in {r:?}"
        );
    }
}

#[test]
fn an_area_whose_name_holds_a_grade_word_stays_in_its_list() {
    // PEEL's 'good use of resources' grades nothing by its 'good'; the list
    // after the dash keeps all its areas.
    let r = ratings_of(
        "Force graded\n\nHMICFRS graded Fenshire Police as good in three of the nine areas \
         assessed during the inspection - preventing crime, managing offenders and good use \
         of resources.\n",
    );
    for scope in [
        "preventing crime",
        "managing offenders",
        "good use of resources",
    ] {
        assert!(has(&r, scope, "Good"), "{scope} not in {r:?}");
    }
}

#[test]
fn when_a_grade_was_given_is_no_area() {
    let r = ratings_of(
        "Fenwick nurseries rated\n\nOf the 30 nurseries and preschools in the Fenwick area \
         inspected in either 2022 or 2023, 25 are currently rated as 'Good' by Ofsted.\n",
    );
    assert!(!r.iter().any(|(s, _)| s.contains("2022")), "{r:?}");
}

#[test]
fn a_youth_justice_service_named_as_the_subject_is_graded_overall_unless_it_runs_the_subject() {
    let r = ratings_of(
        "Fenwick YJS report\n\nHM Inspectorate of Probation has published its inspection \
         of Fenwick Youth Justice Service.\n\nFenwick YJS was rated as requires improvement \
         by inspectors.\n",
    );
    assert!(has(&r, "overall", "Requires improvement"), "{r:?}");
    let r = ratings_of(
        "Fenwick YOT report\n\nHM Inspectorate of Probation has rated Fenwick Youth \
         Offending Team good.\n\nResettlement work and restorative justice set up by Fenwick \
         Youth Offending Team (YOT) were separately rated outstanding.\n",
    );
    assert!(
        r.iter()
            .any(|(s, v)| s.contains("restorative justice") && v == "Outstanding"),
        "{r:?}"
    );
}

#[test]
fn a_count_of_services_and_a_reported_clause_are_no_areas() {
    let areas_of = |text: &str| -> Vec<String> {
        record_of(text)["ratings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["scope"].as_str().map(str::to_lowercase))
            .collect()
    };
    let counted = areas_of(
        "Trust rated good\n\nAcross the Trust's ten services, the CQC gave an overall rating of \
         good for six services and requires improvement for three services.\n",
    );
    assert!(
        !counted.iter().any(|a| a.ends_with(" services")),
        "{counted:?}"
    );
    let told = areas_of(
        "School requires improvement\n\nOfsted inspected Larch School in May.\n\nOn the \
         judgement of requires improvement for behaviour and attitudes, Mr Hale told parents it \
         was fair.\n",
    );
    assert_eq!(told, ["behaviour and attitudes"]);
}

#[test]
fn a_clause_grading_the_frameworks_areas_together_grades_each() {
    // One grade for three of Ofsted's named areas; the clause after 'while'
    // grades another area on its own.
    let r = ratings_of(
        "School report\n\nOfsted inspected Kellmoor Academy in March. The 'Inadequate' \
         judgement covered the quality of education, behaviour and attitudes and leadership \
         and management, while early years provision was judged good.\n",
    );
    has_all(
        &r,
        &[
            ("quality of education", "Inadequate"),
            ("behaviour and attitudes", "Inadequate"),
            ("leadership and management", "Inadequate"),
            ("early years provision", "Good"),
        ],
    );
    // The Care Inspectorate's themes, the grade given before them.
    let themes = ratings_of(
        "Nursery praised\n\nThe Care Inspectorate visited Larch Nursery. It received grades \
         of 5 (very good) in both areas it looked at, which were the quality of care and \
         support, and the quality of staffing.\n",
    );
    assert!(
        has(&themes, "quality of care and support", "Very good"),
        "{themes:?}"
    );
    assert!(
        has(&themes, "quality of staffing", "Very good"),
        "{themes:?}"
    );
    // Two grades in one clause grade none of its areas.
    let mixed = ratings_of(
        "School report\n\nOfsted inspected Kellmoor Academy in March and found the quality of \
         education and behaviour and attitudes good or outstanding in places.\n",
    );
    assert!(mixed.iter().all(|(s, _)| s == "overall"), "{mixed:?}");
}

#[test]
fn a_practices_sites_graded_together_give_its_overall_grade() {
    let r = ratings_of(
        "Practice praised\n\nThe Care Quality Commission inspected Larch Medical Practice, \
         which runs two surgeries in Oldacre. Both surgeries were rated as 'Good' by the \
         inspectors.\n",
    );
    assert_eq!(r, [("overall".to_string(), "Good".to_string())]);
}

#[test]
fn the_healthy_prison_tests_named_together_take_their_one_grade() {
    let r = ratings_of(
        "Prison improving\n\nHM Inspectorate of Prisons visited HMP Fenmoor in May. The \
         'reasonably good' judgements covered safety, respect and purposeful activity, \
         inspectors said.\n",
    );
    for scope in ["safety", "respect", "purposeful activity"] {
        assert!(has(&r, scope, "Reasonably good"), "{scope} not in {r:?}");
    }
    // One test named twice is one area: no list to grade.
    let once = ratings_of(
        "Fire service report\n\nHMICFRS inspected Fenshire Fire and Rescue Service. Home safety \
         visits reach those most at risk and firefighter safety is good.\n",
    );
    assert!(once.iter().all(|(s, _)| s != "safety"), "{once:?}");
}

#[test]
fn cqcs_key_questions_listed_with_one_grade_take_it() {
    let r = ratings_of(
        "Practice improves\n\nThe Care Quality Commission has inspected Larch Surgery again. Every \
         category now has a good rating: the services were deemed safe, effective, responsive, \
         caring and well-led.\n",
    );
    for scope in ["safe", "effective", "responsive", "caring", "well-led"] {
        assert!(has(&r, scope, "Good"), "{scope} not in {r:?}");
    }
    // Not listed, the words are no areas ('how effective ... keeping people safe').
    let prose = ratings_of(
        "Force praised\n\nHMICFRS found Fenshire Police good at how effective the force is at \
         keeping people safe.\n",
    );
    assert!(
        prose.iter().all(|(s, _)| s != "safe" && s != "effective"),
        "{prose:?}"
    );
}

#[test]
fn the_word_area_and_a_reason_are_no_part_of_an_area() {
    let r = ratings_of(
        "Surgery rated\n\nThe Care Quality Commission rated Larch Surgery good overall. It remains \
         rated as requires improvement in the category of Responsive due to concerns about its \
         phone lines, and as good in the area Caring.\n",
    );
    assert!(has(&r, "Responsive", "Requires improvement"), "{r:?}");
    assert!(has(&r, "Caring", "Good"), "{r:?}");
}

#[test]
fn what_was_graded_before_a_grade_whose_areas_follow_is_no_area() {
    // The areas follow the grade: the setting is what was graded.
    let r = ratings_of(
        "Nursery graded\n\nThe Care Inspectorate visited Larch Nursery in May. The playgroup was \
         judged \"adequate\" in staffing and leadership.\n",
    );
    assert_eq!(
        r,
        [
            ("staffing".to_string(), "Adequate".to_string()),
            ("leadership".to_string(), "Adequate".to_string())
        ]
    );
    // A name the text only writes capitalised is a body or a place.
    let named = ratings_of(
        "Prison report\n\nHM Inspectorate of Prisons published its report on HMP Kellmoor. On \
         the respect test, Kellmoor was found to be 'reasonably good'.\n",
    );
    assert!(named.iter().all(|(s, _)| s != "Kellmoor"), "{named:?}");
}

#[test]
fn counts_ranks_and_inspection_names_are_no_areas() {
    let areas_of =
        |text: &str| -> Vec<String> { ratings_of(text).into_iter().map(|(s, _)| s).collect() };
    let every = areas_of(
        "School praised\n\nOfsted inspectors have graded Larch School 'good' in every category \
         this spring.\n",
    );
    assert!(every.iter().all(|a| a != "every category"), "{every:?}");
    let ranked = areas_of(
        "Prison praised\n\nHM Inspectorate of Prisons rated HMP Kellmoor 'good' for resettlement, \
         the highest mark on offer.\n",
    );
    assert_eq!(ranked, ["resettlement"]);
    let named = areas_of(
        "Force rated\n\nFenshire Police was rated 'good' in its annual assessment by HMICFRS.\n",
    );
    assert!(named.iter().all(|a| !a.contains("assessment")), "{named:?}");
    let beneficiaries = areas_of(
        "Prison report\n\nInspectors at HMP Kellmoor said the daily regime was good for all \
         prisoners.\n",
    );
    assert!(
        beneficiaries.iter().all(|a| a != "all prisoners"),
        "{beneficiaries:?}"
    );
}

#[test]
fn a_grade_after_an_area_already_graded_or_another_clause_is_not_the_areas() {
    for text in [
        "Home rated inadequate\n\nWhile the CQC judged Larch House good in terms of leadership, \
         the home was judged inadequate overall.\n",
        "Home rated inadequate\n\nLarch House was judged good by the CQC in terms of \
         leadership, but the home was judged inadequate overall.\n",
    ] {
        let r = ratings_of(text);
        assert!(has(&r, "overall", "Inadequate"), "{r:?}");
        assert!(!has(&r, "leadership", "Inadequate"), "{r:?}");
    }
}

#[test]
fn a_grade_pointed_back_at_one_area_is_no_overall_grade() {
    let r = ratings_of(
        "Our Ofsted report\n\nThe inspectors praised the clubs and trips on offer to our pupils \
         and gave the school its 'outstanding' grade in this area.\n",
    );
    assert!(!has(&r, "overall", "Outstanding"), "{r:?}");
}

#[test]
fn a_sentence_opening_with_an_earlier_time_gives_no_grades() {
    let r = ratings_of(
        "Prison visit\n\nInspectors returned to HMP Kellmoor for a progress review.\nLast year, HM \
         Inspectorate of Prisons graded the jail's safety as 'poor'.\n",
    );
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_bracket_the_area_opens_and_does_not_close_is_no_part_of_it() {
    // The list ends at the closing bracket; the acronym opened before it
    // is dropped with its bracket, not left hanging on the area.
    let r = ratings_of(
        "Force praised\n\nInspectors from HMICFRS rated Fenshire Police as good for tackling \
         anti-social behaviour (ASB) in the county.\n",
    );
    assert!(
        r.contains(&("tackling anti-social behaviour".into(), "Good".into())),
        "{r:?}"
    );
    assert!(r.iter().all(|(a, _)| !a.contains('(')), "{r:?}");
}

#[test]
fn a_clause_after_a_grade_that_opens_with_a_verb_is_no_area() {
    // 'Outstanding in one area, is a result ...' goes on with the sentence's
    // verb: no area. 'good for delivering services that are responsive'
    // still grades responsive.
    let r = ratings_of(
        "Fenwick Lodge rated good\n\nThe Care Quality Commission has inspected Fenwick \
         Lodge. Coming away with Good overall, and Outstanding in one area, is a result \
         the whole team can be proud of.\n",
    );
    assert!(r.iter().all(|(a, _)| !a.starts_with("is ")), "{r:?}");
    let r = ratings_of(
        "Fenwick Lodge rated\n\nThe Care Quality Commission rated Fenwick Lodge requires \
         improvement for being safe and good for delivering services that are responsive.\n",
    );
    assert!(r.contains(&("responsive".into(), "Good".into())), "{r:?}");
}

#[test]
fn what_was_found_and_how_it_was_found_are_no_areas() {
    // 'an "unusual and surprising finding"' is how the grade came, not a
    // second area; 'found to be short of qualified staff and was rated'
    // grades the units themselves.
    let r = ratings_of(
        "HMP Fenmoor\n\nHM Inspectorate of Prisons judged HMP Fenmoor as poor for safety in an \
         \"unusual and surprising finding\" during its latest inspection.\n",
    );
    assert!(r.iter().all(|(a, _)| !a.contains("finding")), "{r:?}");
    let r = ratings_of(
        "Probation units told to improve\n\nHM Inspectorate of Probation inspected three \
         probation delivery units in Fenshire. Each unit was found to be short of qualified \
         staff and was rated as requiring improvement.\n",
    );
    assert_eq!(
        r,
        vec![("overall".to_string(), "Requires improvement".to_string())]
    );
}

#[test]
fn the_grade_an_overall_rating_improved_to_is_the_overall_grade() {
    // The last inspection's grade restated in a sentence of its own ('The
    // overall rating was good.') gives way to the grade the text says the
    // rating has improved to.
    let r = ratings_of(
        "Larch Homecare\n\nAt the last inspection in May 2019, the agency was rated good in \
         every area. The overall rating was good.\n\nAt this inspection we found the agency \
         had improved. The overall rating had improved to outstanding.\n",
    );
    let overall: Vec<_> = r.iter().filter(|(s, _)| s == "overall").collect();
    assert_eq!(
        overall,
        vec![&("overall".to_string(), "Outstanding".to_string())],
        "{r:?}"
    );
}

#[test]
fn a_clause_set_off_by_commas_before_a_change_of_grade_is_no_area() {
    // 'The college ..., drawn up three days ago, has slumped from
    // good to inadequate': the clause between commas is no area; the change
    // is the college's own.
    let r = ratings_of(
        "College slumps\n\nThe college that came last in a national table of colleges, \
         drawn up just three days ago, has slumped from 'good' to 'inadequate' in a new \
         Ofsted report.\n",
    );
    assert!(r.iter().all(|(s, _)| s == "overall"), "{r:?}");
    assert!(has(&r, "overall", "Inadequate"), "{r:?}");
}

#[test]
fn hmicfrs_areas_holding_commas_or_and_are_one_area_each() {
    // 'building, supporting and protecting its workforce' and 'responding to
    // major and multi-agency incidents' are each one of HMICFRS's areas, not
    // three or two.
    let r = ratings_of(
        "Force and fire service graded\n\nHM Inspectorate of Constabulary and Fire & Rescue \
         Services rated Fenshire Police requires improvement for building, supporting and \
         protecting its workforce.\n\nIt rated Fenshire Fire and Rescue Service good for \
         responding to major and multi-agency incidents.\n\nInspectors graded the force \
         good on its use of stop and search.\n",
    );
    has_all(
        &r,
        &[
            (
                "building, supporting and protecting its workforce",
                "Requires improvement",
            ),
            ("responding to major and multi-agency incidents", "Good"),
            ("use of stop and search", "Good"),
        ],
    );
}

#[test]
fn the_month_a_grade_was_given_in_is_no_area() {
    // 'rated ... as inadequate in May': May is when, not what, and the
    // other months are dropped by `area_drop`.
    let r = ratings_of(
        "Care agency improves\n\nKellbrook Care of Oldacre was graded inadequate in May; \
         after a second visit this winter inspectors rated the agency good.\n",
    );
    assert!(r.iter().all(|(s, _)| s == "overall"), "{r:?}");
}

#[test]
fn areas_counted_with_a_grade_and_named_in_the_next_sentence_take_it() {
    // 'outstanding across all four categories. These include A, B, C and D':
    // the list is read from the sentence the rule's match ends in.
    let r = ratings_of(
        "Nursery top marks\n\nLarch Tree Nursery in Oldacre was inspected by Ofsted in May \
         and was graded outstanding across all four categories.\nThese include behaviour \
         and attitudes, personal development and leadership and management.\n",
    );
    has_all(
        &r,
        &[
            ("behaviour and attitudes", "Outstanding"),
            ("personal development", "Outstanding"),
            ("leadership and management", "Outstanding"),
        ],
    );
}

#[test]
fn a_status_is_no_grade_given_to_areas() {
    // 'put in special measures for three failings', 'in special measures
    // since March and the regulator said it would ...': a reason and a date,
    // no areas; the home's grade stays its overall one.
    let r = ratings_of(
        "Care home in special measures\n\nThe Care Quality Commission has rated Fenwick \
         Grange in Oldacre inadequate.\n\nThe home was put in special measures for three \
         failings, staffing and leadership among them.\n\nIt has been in special measures \
         in March and the regulator said it would keep watching the home closely.\n",
    );
    assert!(r.iter().all(|(s, _)| s == "overall"), "{r:?}");
    assert!(
        r.iter().any(|(s, v)| s == "overall" && v == "Inadequate"),
        "{r:?}"
    );
}

#[test]
fn a_company_named_as_the_subject_takes_the_overall_grade() {
    // A provider named as a company ('... Limited, on Mill Road, was
    // rated') is the service, not two areas (its name and its street).
    let r = ratings_of(
        "Care home in special measures\n\nA Fenwick care home has been told to improve.\n\n\
         Kell Residential Care Limited, on Mill Road, was rated inadequate after a visit by \
         the Care Quality Commission in May.\n",
    );
    assert_eq!(r, vec![("overall".to_string(), "Inadequate".to_string())]);
}

#[test]
fn a_pronoun_subject_and_a_clause_after_where_are_no_areas() {
    // 'after all that work they are still graded as ...': the pronoun is the
    // subject, with the verbs before the grade set aside; 'a grade of good
    // for a second time, where ...': the clause after 'where' says why.
    let r = ratings_of(
        "Hospital disappointed by its grade\n\nThe Care Quality Commission rated Larch \
         General Hospital in Oldacre as requires improvement.\n\n\"After all that work \
         on the wards they are still graded as requires improvement,\" the matron \
         said.\n\nThe hospital was handed a requires improvement grade for a second time, \
         where its surgical teams had cut waiting lists by half.\n",
    );
    assert!(r.iter().all(|(s, _)| s == "overall"), "{r:?}");
}

#[test]
fn counts_of_domains_spans_of_time_and_clauses_in_a_list_are_no_areas() {
    // 'outstanding in three of its five domains - A, B and C' grades the
    // three, not 'three of its five domains'; 'the third trust graded good in
    // a month' says when; 'good in this area' points back; a clause opening
    // with 'it's' ends a list; 'including' opens an item, it is no part of it.
    let r = ratings_of(
        "Trust praised\n\nThe Care Quality Commission has rated Larch Valley NHS Trust as \
         outstanding in three of its five domains - caring, responsive and well led.\n\n\
         Larch Valley is the third trust in the region graded outstanding in a month.\n\n\
         Its chair said the trust was good in this area thanks to its volunteers.\n\nThe \
         inspector said the trust was good at planning for winter, and it's built up a \
         bank of volunteers across the county.\n\nIt was also rated good for safety, \
         including patient transport.\n",
    );
    let areas: Vec<&str> = r
        .iter()
        .filter(|(s, _)| s != "overall")
        .map(|(s, _)| s.as_str())
        .collect();
    for a in [
        "caring",
        "responsive",
        "well led",
        "safety",
        "patient transport",
    ] {
        assert!(areas.contains(&a), "{a} missing from {r:?}");
    }
    for a in &areas {
        assert!(
            !a.contains("domains")
                && !a.contains("month")
                && !a.contains("this area")
                && !a.contains("volunteers")
                && !a.starts_with("including"),
            "{a} in {r:?}"
        );
    }
}

#[test]
fn a_list_linked_by_then_to_the_next_grade_keeps_its_areas() {
    // '... judged good for A and B then outstanding for C': both lists, each
    // with its grade; Ofsted's 'behaviours and attitudes' is one area.
    let r = ratings_of(
        "Nursery praised\n\nLarch Lane Nursery in Oldacre was visited by Ofsted in March and judged \
         good for personal development and for leadership and management then outstanding \
         for behaviours and attitudes, the best result in its history.\n",
    );
    has_all(
        &r,
        &[
            ("personal development", "Good"),
            ("leadership and management", "Good"),
            ("behaviours and attitudes", "Outstanding"),
        ],
    );
}

#[test]
fn key_questions_asked_as_questions_or_named_as_sections_take_their_grades() {
    // CQC's questions written as questions, in brackets before their grade or
    // after it and a colon; a question's grade told by how it moved or
    // stayed; the questions listed in the sentence after a grade given 'in
    // each of the five areas'; a question asked with 'how' whose grade
    // changed.
    let r = ratings_of(
        "Care home told to improve\n\nThe Care Quality Commission inspected Fenwick Grange in \
         Oldacre in June. Leadership and safety were judged 'inadequate': is the home safe and \
         is the home well led. Its remaining grades (is it effective, is it caring, is it \
         responsive) were all rated 'requires improvement'.\n",
    );
    has_all(
        &r,
        &[
            ("safe", "Inadequate"),
            ("effective", "Requires improvement"),
            ("caring", "Requires improvement"),
            ("responsive", "Requires improvement"),
        ],
    );
    assert!(
        r.iter()
            .any(|(s, v)| s.ends_with("well led") && v == "Inadequate"),
        "{r:?}"
    );
    let r = ratings_of(
        "Surgery improves\n\nThe regulator inspected Marlowe Surgery in Fenwick in May. \
         Responsiveness climbed to a good rating, while the caring category stays outstanding. \
         Its rating for how effective the surgery is has risen from inadequate to good.\n",
    );
    has_all(
        &r,
        &[
            ("Responsiveness", "Good"),
            ("caring", "Outstanding"),
            ("effective", "Good"),
        ],
    );
    let r = ratings_of(
        "Home care agency rated\n\nInspectors judged Kell Care as requiring improvement in \
         each of the five areas they look at. They are leadership, safety, care, effectiveness \
         and responsiveness.\n",
    );
    has_all(
        &r,
        &[
            ("safety", "Requires improvement"),
            ("effectiveness", "Requires improvement"),
            ("leadership", "Requires improvement"),
        ],
    );
    let r = ratings_of(
        "Home rated\n\nThe Care Quality Commission rated Larch House in Oldacre. In its last \
         two areas of safety and leadership the home was judged to be 'good'.\n",
    );
    has_all(&r, &[("safety", "Good"), ("leadership", "Good")]);
}

#[test]
fn a_grade_when_it_came_to_a_task_and_a_grade_in_pillars_assessing_areas_grade_them() {
    // The grade in curly quotes before 'when it came to' grades the task
    // after it, cut before a figure brought in by 'with'; 'in all three
    // pillars assessing' lists the areas after it.
    let r = ratings_of(
        "Force quick on the phone\n\nHMICFRS said Fenshire Police was \u{2018}good\u{2019} \
         when it came to answering 999 calls with 92 per cent answered within ten seconds.\n",
    );
    has_all(&r, &[("answering 999 calls", "Good")]);
    let r = ratings_of(
        "Fire service rated\n\nHMICFRS published its reports today. The Oldacre brigade \
         earned \u{2018}good\u{2019} in all three pillars assessing effectiveness, efficiency \
         and people.\n",
    );
    has_all(
        &r,
        &[
            ("effectiveness", "Good"),
            ("efficiency", "Good"),
            ("people", "Good"),
        ],
    );
}

#[test]
fn a_grade_in_all_categories_grades_the_areas_listed_elsewhere_with_no_grade() {
    // The grade comes first, the areas two paragraphs on in a sentence that
    // names the framework's areas and no grade.
    let r = ratings_of(
        "Larch High on top\n\nLarch High School is good in every category, its new Ofsted \
         report says.\n\nStaff celebrated on Friday.\n\nThe report covers four judgements: \
         leadership and management, the quality of teaching, the achievement of pupils, and \
         behaviour and safety.\n",
    );
    has_all(
        &r,
        &[
            ("achievement of pupils", "Good"),
            ("quality of teaching", "Good"),
            ("behaviour and safety", "Good"),
            ("leadership and management", "Good"),
        ],
    );
    // A speaker's 'safe and effective' names no areas of the inspection.
    let r = ratings_of(
        "Kell College praised\n\nKell College is now good in all areas, Ofsted says.\n\nThe \
         principal said: \"Every student deserves a safe and effective start.\"\n",
    );
    assert!(
        r.iter()
            .all(|(area, _)| area != "safe" && area != "effective"),
        "{r:?}"
    );
}

#[test]
fn a_grade_said_of_all_the_areas_after_their_list_grades_each() {
    // The areas first (the 2013 framework's judgements, with no grade), then
    // one sentence giving every one of them its grade; 'all other areas' is
    // no such sentence.
    let r = ratings_of(
        "Ofsted verdict on Kell\n\nOfsted looked at Kell council's services for children. \
         The judgements covered children who need help and protection, adoption performance \
         and leadership, management and governance.\n\nEach of these judgements was graded \
         as 'requires improvement'.\n",
    );
    has_all(
        &r,
        &[
            (
                "children who need help and protection",
                "Requires improvement",
            ),
            ("adoption performance", "Requires improvement"),
            (
                "leadership, management and governance",
                "Requires improvement",
            ),
        ],
    );
    let r = ratings_of(
        "Ofsted verdict on Kell\n\nThe judgements covered children who need help and \
         protection and adoption performance.\n\nAll other areas were rated as good.\n",
    );
    assert!(r.iter().all(|(area, _)| area == "overall"), "{r:?}");
}

#[test]
fn areas_named_in_double_quote_marks_stay_whole() {
    // Each quoted name is one area, 'and' inside it included, and a comma set
    // inside the closing mark is no part of the name.
    let r = ratings_of(
        "Kell services graded\n\nThe Care Inspectorate inspected services for children in \
         Kell. The report says \"planning and improving services\" and \"leadership of \
         improvement and change,\" were judged to be \"weak.\"\n",
    );
    has_all(
        &r,
        &[
            ("planning and improving services", "Weak"),
            ("leadership of improvement and change", "Weak"),
        ],
    );
    assert!(
        r.iter()
            .all(|(area, _)| area != "overall" && area != "change"),
        "{r:?}"
    );
}

#[test]
fn one_framework_area_alone_in_its_clause_takes_the_clauses_one_grade() {
    // Named before the grade, in more words than one, the grade after a verb.
    let r = ratings_of(
        "Kell High inspected\n\nOfsted inspected Kell High School in May. Governors \
         welcomed what the report said about leadership and management at the school, \
         which it found to be good.\n",
    );
    has_all(&r, &[("leadership and management", "Good")]);
    // Not a grade word in everyday prose.
    let r = ratings_of(
        "Kell High inspected\n\nOfsted inspected Kell High School in May. Leaders have \
         improved the quality of teaching and pupils are making good progress.\n",
    );
    assert!(r.iter().all(|(area, _)| area == "overall"), "{r:?}");
}

#[test]
fn an_area_set_off_by_dashes_after_a_counting_lead_in_or_written_as_the_way_it_works() {
    let r = ratings_of(
        "Kell House graded\n\nThe Care Inspectorate inspected Kell House in May. Inspectors \
         judged one area - record keeping - to be adequate. The way the home plans care is \
         weak.\n",
    );
    has_all(
        &r,
        &[
            ("record keeping", "Adequate"),
            ("The way the home plans care", "Weak"),
        ],
    );
    assert!(r.iter().all(|(area, _)| !area.contains("graded")), "{r:?}");
}

#[test]
fn a_hospitals_core_services_named_together_take_the_clauses_one_grade() {
    let r = ratings_of(
        "Kell Hospital inspected\n\nThe CQC inspected Kell Hospital. The report lists \
         critical care, maternity and outpatients among the services it found to be good.\n",
    );
    has_all(
        &r,
        &[
            ("critical care", "Good"),
            ("maternity", "Good"),
            ("outpatients", "Good"),
        ],
    );
    // 'Good practice' is no grade of the services named with it.
    let r = ratings_of(
        "Kell Hospital inspected\n\nThe CQC inspected Kell Hospital. Inspectors saw good \
         practice in critical care and maternity.\n",
    );
    assert!(r.iter().all(|(area, _)| area == "overall"), "{r:?}");
}

#[test]
fn an_area_keeps_the_bracket_it_closes() {
    let r = ratings_of(
        "Kell Hospital inspected\n\nThe CQC inspected Kell Hospital. Medical care (including \
         older people's care), critical care and end of life care were all rated as requiring \
         improvement.\n",
    );
    has_all(
        &r,
        &[
            (
                "Medical care (including older people's care)",
                "Requires improvement",
            ),
            ("critical care", "Requires improvement"),
        ],
    );
}

#[test]
fn words_of_time_or_counting_after_in_or_at_are_no_areas() {
    let r = ratings_of(
        "Kell Lodge graded\n\nThe Care Inspectorate inspected Kell Lodge in May. In 2019 it \
         was graded weak in all four areas, but, a year on, it is adequate. It was the only \
         home judged excellent at that time. Kell Centre was good in the five core areas - \
         safe and caring.\n",
    );
    assert!(
        r.iter()
            .all(|(area, _)| !["but", "time", "five core"].contains(&area.as_str())),
        "{r:?}"
    );
    has_all(&r, &[("safe", "Good"), ("caring", "Good")]);
}

#[test]
fn a_clause_of_contrast_after_a_grade_starts_the_next_grades_areas() {
    let r = ratings_of(
        "Agency rated\n\nOfsted inspected the Kell fostering agency. The agency was rated good \
         for safety, though its record keeping was judged to require improvement.\n",
    );
    has_all(
        &r,
        &[
            ("safety", "Good"),
            ("record keeping", "Requires improvement"),
        ],
    );
}

#[test]
fn areas_counted_or_listed_in_the_next_sentence_or_after_an_aside_take_the_grade() {
    let r = ratings_of(
        "Kell prison inspected\n\nHM Inspectorate of Prisons visited HMP Kell. Three of the \
         areas were again rated \u{2018}reasonably good\u{2019} in May. They are safety, respect \
         and purposeful activity.\n",
    );
    has_all(
        &r,
        &[
            ("safety", "Reasonably good"),
            ("respect", "Reasonably good"),
            ("purposeful activity", "Reasonably good"),
        ],
    );
    let r = ratings_of(
        "Brigade told to improve\n\nHMICFRS inspected Kell Fire and Rescue Service. Its report \
         names areas that require improvement in the brigade's daily work.\n\nThese are: \
         preventing fires and other risks; responding to fires and other emergencies; and \
         responding to national risks.\n",
    );
    has_all(
        &r,
        &[
            ("preventing fires and other risks", "Requires improvement"),
            (
                "responding to fires and other emergencies",
                "Requires improvement",
            ),
            ("responding to national risks", "Requires improvement"),
        ],
    );
    let r = ratings_of(
        "Nursery graded\n\nThe Care Inspectorate visited Larch Nursery. It was graded \
         \"adequate\" - a fall from its 2022 grades - for its staff, its planning and its \
         garden.\n",
    );
    has_all(
        &r,
        &[
            ("staff", "Adequate"),
            ("planning", "Adequate"),
            ("garden", "Adequate"),
        ],
    );
}

#[test]
fn the_one_area_graded_apart_from_the_rest_keeps_its_grade_and_not_the_overall() {
    let r = ratings_of(
        "School told to improve\n\nOfsted inspected Larch Primary School in May. Its \
         leaders were told that work was needed everywhere except the nursery class, which \
         was judged good.\n",
    );
    has_all(&r, &[("the nursery class", "Good")]);
    assert!(r.iter().all(|(scope, _)| scope != "overall"), "{r:?}");
}

#[test]
fn a_key_question_asked_without_its_hyphen_is_the_area() {
    let r = ratings_of(
        "Home rated\n\nThe CQC inspected Kell House in March. Two areas were \
         judged 'inadequate': is the home safe and is the home well led.\n",
    );
    has_all(&r, &[("well led", "Inadequate")]);
}

#[test]
fn a_grade_named_with_its_noun_for_an_area_is_no_overall_and_a_verb_opens_no_area() {
    let r = ratings_of(
        "Home rated\n\nThe CQC inspected Kell House in March. The home was rated good for \
         being caring and received a requires improvement rating for being safe.\n",
    );
    has_all(&r, &[("caring", "Good"), ("safe", "Requires improvement")]);
    assert!(
        r.iter()
            .all(|(scope, _)| scope != "overall" && !scope.starts_with("received")),
        "{r:?}"
    );
}

#[test]
fn the_area_excepted_from_every_area_and_an_area_graded_in_a_with_clause_take_their_grades() {
    let r = ratings_of(
        "School report\n\nOfsted inspected Larch Primary School in May. The school was good in \
         every area apart from its early years provision, which requires improvement.\n",
    );
    has_all(&r, &[("early years provision", "Requires improvement")]);
    let r = ratings_of(
        "School report\n\nOfsted inspected Kell Academy in June. It was rated good overall, \
         with the leadership and management judged outstanding.\n",
    );
    has_all(
        &r,
        &[
            ("overall", "Good"),
            ("leadership and management", "Outstanding"),
        ],
    );
    // A bare 'with' is a preposition, not a clause of its own.
    let r = ratings_of(
        "Home rated\n\nThe CQC inspected Kell House in May. The home for people with dementia \
         has been rated good.\n",
    );
    assert!(r.iter().all(|(scope, _)| scope != "dementia"), "{r:?}");
}

#[test]
fn areas_graded_with_the_verb_left_out_after_an_area_grade_take_their_grades() {
    let r = ratings_of(
        "Youth justice service rated\n\nHM Inspectorate of Probation inspected Kellshire Youth \
         Justice Service. Organisational delivery was rated outstanding, court disposals good \
         and out-of-court disposals requires improvement.\n",
    );
    has_all(
        &r,
        &[
            ("Organisational delivery", "Outstanding"),
            ("court disposals", "Good"),
            ("out-of-court disposals", "Requires improvement"),
        ],
    );
    let r = ratings_of(
        "Home rated\n\nThe CQC inspected Kell House. Safety was rated 'inadequate', the \
         caring and responsive questions remained 'requires improvement' and leadership 'good'.\n",
    );
    has_all(
        &r,
        &[("caring", "Requires improvement"), ("leadership", "Good")],
    );
    // No grade before it: no gapped area; a grade word said of something
    // else ('good progress') is none either.
    let r = ratings_of(
        "Council praised\n\nOfsted inspected Kell Council's children's services. Staff, pupils \
         and parents good. Leadership was judged good and children in care make good progress.\n",
    );
    assert!(
        r.iter()
            .all(|(scope, _)| !scope.contains("parents") && !scope.contains("children in care")),
        "{r:?}"
    );
}

#[test]
fn a_grade_of_another_scale_than_an_inferred_inspectorates_is_kept() {
    // No inspectorate named: a nursery might be Ofsted's (four grades) or the
    // Care Inspectorate's (six); 'very good' and 'excellent' are the latter's.
    let r = ratings_of(
        "Nursery report\n\nAn inspection report on Larch Nursery graded its care and \
         support as \u{201C}very good\u{201D} and its setting as \u{201C}excellent\u{201D}.\n",
    );
    has_all(
        &r,
        &[("care and support", "Very good"), ("setting", "Excellent")],
    );
}

#[test]
fn the_agent_after_an_area_and_a_clause_after_a_past_grade_are_no_part_of_it() {
    let r = ratings_of(
        "Nursery gets top marks\n\nLarch Nursery was awarded grades of very good for its \
         setting and staff team by the Care Inspectorate.\n",
    );
    has_all(&r, &[("setting", "Very good"), ("staff team", "Very good")]);
    // A past grade ('the same as at its last inspection') silences its own
    // clause, not the one after ', though'.
    let r = ratings_of(
        "Trust rated\n\nThe CQC rated Kellshire Hospitals NHS Trust as requires improvement \
         overall, the same as at its last inspection, though it was rated good for caring.\n",
    );
    has_all(&r, &[("caring", "Good")]);
}

#[test]
fn a_verb_left_before_the_grade_is_no_part_of_the_subject() {
    let r = ratings_of(
        "Larch Primary celebrates\n\nStaff and pupils at Larch Primary School are celebrating \
         after Ofsted inspectors found the school continues to be good.\n",
    );
    assert_eq!(r, [("overall".to_string(), "Good".to_string())]);
}

#[test]
fn a_service_upgraded_by_name_takes_the_overall_grade_and_an_area_its_own() {
    let r = ratings_of(
        "Children's services improve\n\nOfsted has upgraded Kellshire County Council's \
         children's services to good.\n",
    );
    assert_eq!(r, [("overall".to_string(), "Good".to_string())]);
    let r = ratings_of(
        "Home rated\n\nThe CQC has upgraded the home's safety from inadequate to good.\n",
    );
    assert_eq!(r, [("safety".to_string(), "Good".to_string())]);
    // The agent of the change is no area: 'downgraded by Ofsted from A to B'.
    let r = ratings_of(
        "Academy downgraded\n\nLarch Academy, a secondary school in Kellford, has been \
         downgraded by the inspectorate from 'outstanding' to 'requires improvement' after a \
         visit by Ofsted in March.\n",
    );
    assert_eq!(
        r,
        [("overall".to_string(), "Requires improvement".to_string())]
    );
}

#[test]
fn probation_standards_named_with_and_are_one_area_each_and_a_lead_in_is_none() {
    let r = ratings_of(
        "YJS rated good\n\nKellshire Youth Justice Service has been rated 'Good' by HM \
         Inspectorate of Probation. The service was rated 'Outstanding' for governance and \
         leadership, and 'Good' for staff and for partnerships and services.\n",
    );
    has_all(
        &r,
        &[
            ("governance and leadership", "Outstanding"),
            ("partnerships and services", "Good"),
        ],
    );
    assert!(
        r.iter()
            .all(|(scope, _)| scope != "governance" && scope != "leadership"),
        "{r:?}"
    );
    let r = ratings_of(
        "PDU report\n\nHM Inspectorate of Probation inspected the Kell probation delivery \
         unit. Of the standards inspected, leadership was rated 'Good'.\n",
    );
    has_all(&r, &[("leadership", "Good")]);
    assert!(
        r.iter().all(|(scope, _)| !scope.contains("standards")),
        "{r:?}"
    );
}

#[test]
fn a_possessive_naming_whose_area_it_is_is_no_part_of_the_area() {
    let r = ratings_of(
        "Childminder praised\n\nThe Care Inspectorate rated the childminder's care and \
         support as excellent, and the setting as very good.\n",
    );
    has_all(
        &r,
        &[("care and support", "Excellent"), ("setting", "Very good")],
    );
}

#[test]
fn the_latter_is_no_area_and_the_department_upgraded_is_the_service() {
    let r = ratings_of(
        "Trust rated\n\nThe CQC rated Kellshire Community NHS Trust outstanding overall. Its \
         hospital wards worked well with its community teams, with the latter also rated \
         outstanding.\n",
    );
    assert!(r.iter().all(|(scope, _)| scope != "latter"), "{r:?}");
    let r = ratings_of(
        "Children's services\n\nOfsted has downgraded the department to 'inadequate' after \
         finding failures in its social work.\n",
    );
    assert_eq!(r, [("overall".to_string(), "Inadequate".to_string())]);
}

#[test]
fn a_key_question_written_as_a_clause_keeps_its_verb_and_a_grade_for_doing_is_no_overall() {
    let r = ratings_of(
        "Practice rated\n\nThe CQC inspected Larch Medical Practice. It was rated inadequate \
         for keeping patients safe and for how well it was led.\n",
    );
    assert_eq!(
        r,
        [
            (
                "keeping patients safe".to_string(),
                "Inadequate".to_string()
            ),
            ("how well it was led".to_string(), "Inadequate".to_string()),
        ]
    );
}

#[test]
fn areas_graded_in_a_with_clause_after_a_grade_and_those_after_them_take_their_grades() {
    let r = ratings_of(
        "Service rated\n\nHM Inspectorate of Probation rated the Kell youth justice service \
         good overall, with its court work rated outstanding and its resettlement work rated \
         requires improvement.\n",
    );
    has_all(
        &r,
        &[
            ("overall", "Good"),
            ("court work", "Outstanding"),
            ("resettlement work", "Requires improvement"),
        ],
    );
    let r = ratings_of(
        "Nursery rated\n\nOfsted has rated Larch Nursery good, with personal development \
         judged outstanding.\n",
    );
    has_all(
        &r,
        &[("overall", "Good"), ("personal development", "Outstanding")],
    );
}

#[test]
fn the_service_itself_rated_overall_after_the_is_its_overall_grade() {
    let r = ratings_of(
        "Unit rated\n\nThe Fenmoor Probation Delivery Unit was rated 'requires improvement' \
         overall by HM Inspectorate of Probation.\n",
    );
    assert_eq!(
        r,
        [("overall".to_string(), "Requires improvement".to_string())]
    );
    // Named again after 'the' once it has its overall grade: no area.
    let r = ratings_of(
        "Unit rated\n\nHM Inspectorate of Probation rated the Fenmoor Probation Delivery Unit \
         good overall. Inspectors said the Fenmoor Probation Delivery Unit was rated good \
         because of its leaders.\n",
    );
    assert_eq!(r, [("overall".to_string(), "Good".to_string())]);
}

#[test]
fn a_clause_about_the_last_inspection_gives_no_grades_to_its_end() {
    let r = ratings_of(
        "Nursery improves\n\nThe Care Inspectorate graded Kell Nursery good for its setting. \
         Inspectors saw a different picture on the previous inspection of the nursery two \
         summers ago, where care and support and the leadership and staff team were graded \
         weak.\n",
    );
    assert_eq!(r, [("setting".to_string(), "Good".to_string())]);
}

#[test]
fn numbered_grades_estyn_standards_at_a_school_and_a_falling_overall_rating_are_read() {
    let r = ratings_of(
        "Nursery graded\n\nThe Care Inspectorate awarded Little Oaks Nursery grades of 5 (very \
         good) for care, play and learning and 4 (good) for setting.\n",
    );
    has_all(
        &r,
        &[
            ("care, play and learning", "Very good"),
            ("setting", "Good"),
        ],
    );
    let r = ratings_of(
        "School report\n\nEstyn found that standards at Ysgol Kell were good, while teaching \
         and learning experiences were excellent.\n",
    );
    has_all(
        &r,
        &[
            ("standards", "Good"),
            ("teaching and learning experiences", "Excellent"),
        ],
    );
    let r = ratings_of(
        "Agency rated\n\nThe CQC said the home care agency's rating for safety has fallen to \
         inadequate, while its overall rating went down to requires improvement.\n",
    );
    has_all(
        &r,
        &[
            ("overall", "Requires improvement"),
            ("safety", "Inadequate"),
        ],
    );
}

#[test]
fn a_healthy_prison_test_at_a_named_prison_and_an_overall_grade_that_remains_are_read() {
    let r = ratings_of(
        "Prison report\n\nHM Inspectorate of Prisons said safety at HMP Kellmoor was poor and \
         respect was reasonably good.\n",
    );
    has_all(&r, &[("safety", "Poor"), ("respect", "Reasonably good")]);
    let r = ratings_of(
        "Trust report\n\nThe CQC rated the trust good for caring. Overall, the trust remains \
         rated requires improvement.\n",
    );
    has_all(
        &r,
        &[("overall", "Requires improvement"), ("caring", "Good")],
    );
}

#[test]
fn a_list_under_a_previous_grades_heading_grades_nothing() {
    let r = ratings_of(
        "Care Inspectorate reports\n\nLittle Wrens Childcare, Kellford\nPrevious grades\n- \
         Care, play and learning - 3\n- Setting - 4\nNew grades\n- Care, play and learning - \
         4\n- Setting - 4\n",
    );
    assert_eq!(
        r,
        [
            ("Care, play and learning".to_string(), "Good".to_string()),
            ("Setting".to_string(), "Good".to_string()),
        ]
    );
}

#[test]
fn a_childcare_provider_and_the_school_itself_take_the_overall_grade() {
    let rec = record_of(
        "Club rated\n\nLittle Wrens Childcare, which runs a holiday club at Kell Primary, was \
         rated good by Ofsted.\n",
    );
    let services = names_with(&rec, "services", "locality");
    assert!(
        services.iter().any(|(n, _)| n == "Little Wrens Childcare"),
        "{services:?}"
    );
    let r = ratings_of(
        "Academy report\n\nOfsted judged Larchfield Academy's sixth form outstanding. The \
         academy itself was rated good.\n",
    );
    assert!(has(&r, "overall", "Good"), "{r:?}");
}

#[test]
fn the_hospital_rated_without_as_and_an_area_that_requires_improvement_are_read() {
    let r = ratings_of(
        "Hospital rated\n\nThe CQC rated the hospital requires improvement for the second \
         time.\n",
    );
    assert_eq!(
        r,
        [("overall".to_string(), "Requires improvement".to_string())]
    );
    let r = ratings_of(
        "School report\n\nOfsted inspected Kell Academy in March. Inspectors judged that the \
         quality of education at Kell Academy requires improvement.\n",
    );
    assert!(
        r.iter()
            .any(|(a, v)| a.contains("education") && v == "Requires improvement"),
        "{r:?}"
    );
}

#[test]
fn childrens_services_rated_in_a_named_place_are_that_places_service() {
    let rec = record_of(
        "Council rated\n\nOfsted has rated children's services in Kellshire as requires \
         improvement to be good.\n",
    );
    assert_eq!(
        names_with(&rec, "services", "locality"),
        [("children's services".to_string(), "Kellshire".to_string())]
    );
    let r = ratings_of(
        "Council rated\n\nOfsted has rated children's services in Kellshire as requires \
         improvement to be good.\n",
    );
    assert_eq!(
        r,
        [("overall".to_string(), "Requires improvement".to_string())]
    );
}
