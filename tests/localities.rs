//! Where the record says a service is: the real binary over small articles
//! written for these tests. A body whose name holds no place takes its
//! gazetteer area only where the text names that area; a place given in a
//! sentence naming no prison belongs to the prison named last before it; a
//! caption word a scraper glued onto a place is cut off; a prison called by
//! its site and kind word ('Lewes prison') is not placed in its site by that;
//! a day after a place ('in Oldacre on Friday') leaves no 'on' behind; an
//! island after a prison's name ('on the Isle of Wenmoor') is its place; a
//! trust named after its service ('Fenshire Ambulance Service ... Trust') is
//! in the area it serves; a force named with its kind in lower case ('Avon
//! and Somerset police') is named so, not by its area alone; an address line
//! gives the town after the street; a headline's verdict ('Excellent') is no
//! part of the name after it; a compass word keeps the region it opens
//! ('South Wales', not 'South'); children's services in a council area are
//! named with it ('children's services in Rutland'); 'Learning' and 'Academy'
//! are no part of a place ('schools in The Fenmoor Learning Academy Trust'); a
//! caption's credit glued onto a name is no part of it ('HMP Fenmoor Credit:'); a
//! youth justice service of a city keeps 'City' in its place, a council drops it;
//! 'the Fenmoor home' places the care home the article names, 'A NURSING home'
//! places nothing; 'in Mill Street in Oldacre' and ', near Kellbury,' give the
//! town; a quantifier before a name ('Both Larch Medical Centre') is no part
//! of it; a place joined to the next name ('in Westshire and Priory Hospital
//! Kellbury') ends before the 'and'; a name the excerpt cuts short is the
//! service it begins; 'of' left after a dropped word ('Staff of Larch Pre
//! School') is no part of the name; a joint inspection of the services in an
//! area is placed in the area, not its planning partnership; children's services
//! a grade is said of are named after the council the article names; a
//! provider named without its kind is placed by the description after its
//! name ('Kellmoor, a care home in Oldacre,') or its address; a headline
//! counting providers in a place ('Two Oldacre medical centres') places them, and
//! a place made an adjective of reach ('Fenwick-based') places nothing; a hospital
//! named after its site is placed there without 'Royal' or a person's name; a
//! place after a name ends before 'and' and the next name ('Larch House in
//! Oldacre and St Anne's Hospital'). A council-run children's home and the
//! council's children's home are one service, placed where the council is.
//! An establishment placed nowhere else takes the place the text gives it
//! by its kind ('The hospital, in Oldacre,', 'The site at Fenwick Moor',
//! 'the Kellbury-based provider'). A fostering agency 'based in the South
//! West' is placed there, and a school's name followed by 'Trust' names the
//! trust, not a school. A Care Inspectorate report's header names the
//! service before its type of care service and places it in the town before
//! the postcode. A service no rule names by its kind is the object or
//! subject of the verb that grades it ('rated Kell Carers, based in
//! Oldacre, as outstanding'), only when no other service is named.

mod support;

use support::{names_with, record_of};

/// The (name, locality) of every service of the one article `text`.
fn services_of(text: &str) -> Vec<(String, Option<String>)> {
    record_of(text)["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["locality"].as_str().map(str::to_string),
            )
        })
        .collect::<Vec<_>>()
}

/// A service's (name, locality) as [`services_of`] gives it, placed in `locality`.
fn placed(name: &str, locality: &str) -> (String, Option<String>) {
    (name.to_string(), Some(locality.to_string()))
}

fn locality(services: &[(String, Option<String>)], name: &str) -> Option<String> {
    services
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no service {name} in {services:?}"))
        .1
        .clone()
}

#[test]
fn a_name_without_a_place_takes_its_area_only_where_the_text_names_it() {
    let unnamed = services_of(
        "Metropolitan Police told to improve\n\nThe Metropolitan Police has been rated inadequate \
         by HMICFRS for how it responds to the public.\n",
    );
    assert_eq!(locality(&unnamed, "Metropolitan Police"), None);
    let named = services_of(
        "Metropolitan Police told to improve\n\nThe Metropolitan Police has been rated inadequate \
         by HMICFRS for how it responds to the public in London.\n",
    );
    assert_eq!(
        locality(&named, "Metropolitan Police").as_deref(),
        Some("London")
    );
}

#[test]
fn a_place_in_a_sentence_naming_no_prison_is_the_last_named_ones() {
    let s = services_of(
        "Two prison reports\n\nHMP Brackenholt - a well-led women's prison - was under strain, \
         HM Inspectorate of Prisons said.\n\nThe chief inspector published the report of an \
         inspection of the women's prison in Westmarsh.\n\nThe report on HMP Carrowby, a men's \
         prison in Eastmoor, was published on the same day.\n",
    );
    assert_eq!(
        locality(&s, "HMP Brackenholt").as_deref(),
        Some("Westmarsh")
    );
    assert_eq!(locality(&s, "HMP Carrowby").as_deref(), Some("Eastmoor"));
}

#[test]
fn a_caption_word_glued_to_a_place_is_cut_off() {
    let s = services_of(
        "Prison told to improve\n\nHM Inspectorate of Prisons rated safety at HMP Brackenholt \
         in WestmarshImage caption poor.\n",
    );
    assert_eq!(
        locality(&s, "HMP Brackenholt").as_deref(),
        Some("Westmarsh")
    );
}

#[test]
fn a_prison_called_by_its_site_and_kind_is_not_thereby_placed_in_its_site() {
    // 'Lewes prison' is the prison's name in lower case, so the county given
    // beside 'HMP Lewes' stays its locality; 'the Lewes prison' places it.
    let named = services_of(
        "Prison still unsafe, inspectors say\n\nA report on HMP Lewes in East Sussex has found \
         rising violence.\n\nInspectors at Lewes prison, where most men are on remand, found \
         too many locked up all day.\n",
    );
    assert_eq!(
        locality(&named, "HMP Lewes").as_deref(),
        Some("East Sussex")
    );
    let described = services_of(
        "Prison still unsafe, inspectors say\n\nA report on HMP Lewes in East Sussex has found \
         rising violence.\n\nInspectors at the Lewes prison, where most men are on remand, found \
         too many locked up all day.\n",
    );
    assert_eq!(locality(&described, "HMP Lewes").as_deref(), Some("Lewes"));
}

#[test]
fn a_day_after_a_place_leaves_no_joining_word_on_it() {
    // 'in Oldacre on Friday': the day is cut, and the 'on' it leaves too.
    let s = services_of(
        "Care home rated inadequate\n\nLarch House, a care home in Oldacre on Friday, was rated \
         inadequate by the Care Quality Commission.\n",
    );
    assert_eq!(locality(&s, "Larch House").as_deref(), Some("Oldacre"));
}

#[test]
fn a_place_possessive_before_a_hospital_places_it() {
    // 'Fenwick's Lister Hospital': Fenwick places the hospital and is no part
    // of its name; 'north Oldacre's': the compass word is part of the place;
    // 'King's College Hospital' keeps its own possessive; a character of
    // several bytes right before the place is read whole.
    let s = services_of(
        "Hospitals rated by inspectors\n\nThe Care Quality Commission rated Fenwick's Lister \
         Hospital inadequate and north Oldacre's Marlow Vale Hospital good. King's College \
         Hospital was rated good. Inspectors also visited \u{1F642}Eastmere's Carrow Vale Hospital, \
         which was rated good.\n",
    );
    assert_eq!(locality(&s, "Lister Hospital").as_deref(), Some("Fenwick"));
    assert_eq!(
        locality(&s, "Marlow Vale Hospital").as_deref(),
        Some("north Oldacre")
    );
    assert!(
        s.iter().any(|(n, _)| n == "King's College Hospital"),
        "{s:?}"
    );
}

#[test]
fn an_island_after_a_prison_is_its_locality() {
    for text in [
        "Prison told to improve\n\nHMP Fennick, on the Isle of Wenmoor, was found unsafe by \
         HM Inspectorate of Prisons, inspectors said.\n",
        "Prison told to improve\n\nInspectors from HM Inspectorate of Prisons found HMP Fennick \
         on the Isle of Wenmoor was not safe enough, the report said.\n",
    ] {
        let services = services_of(text);
        assert_eq!(
            locality(&services, "HMP Fennick").as_deref(),
            Some("Isle of Wenmoor"),
            "{text}"
        );
    }
}

#[test]
fn a_trust_named_after_its_service_is_placed_in_the_area_it_serves() {
    let services = services_of(
        "Ambulance trust rated outstanding\n\nThe Care Quality Commission rated Fenshire \
         Ambulance Service University NHS Foundation Trust as outstanding.\n",
    );
    assert_eq!(
        locality(
            &services,
            "Fenshire Ambulance Service University NHS Foundation Trust"
        )
        .as_deref(),
        Some("Fenshire")
    );
}

#[test]
fn a_force_named_with_its_kind_in_lower_case_keeps_the_kind_in_its_name() {
    let services = services_of(
        "Police inspection\n\nHMICFRS published its report.\n\nAvon and Somerset police were \
         rated good at preventing crime.\n",
    );
    assert_eq!(
        locality(&services, "Avon and Somerset police").as_deref(),
        Some("Avon and Somerset")
    );
}

#[test]
fn an_address_line_places_a_school_in_its_town_before_its_county() {
    let services = services_of(
        "Larch Community School rated good\n\nOfsted has rated Larch Community School good, \
         inspectors said.\n\nLarch Drive, Fenwick, Oldacre, Westshire FW6 1AB\n",
    );
    assert_eq!(
        locality(&services, "Larch Community School").as_deref(),
        Some("Fenwick")
    );
}

#[test]
fn a_headline_verdict_before_a_name_is_no_part_of_it() {
    let services = services_of(
        "Excellent Larchbrae Primary Nursery Class Inspection\n\nThe Care Inspectorate graded \
         the nursery class excellent, inspectors said.\n",
    );
    assert!(
        services
            .iter()
            .any(|(n, _)| n == "Larchbrae Primary Nursery Class"),
        "{services:?}"
    );
}

#[test]
fn a_site_section_or_a_notice_before_a_name_is_no_part_of_it() {
    let services = services_of(
        "Inspections Fenbrook Clinic\n\nThe Care Quality Commission rated the clinic good \
         after an inspection in May.\n\nCancellation Of Elmcroft House Registration\n\n\
         Elmcroft House was rated inadequate by the Care Quality Commission.\n",
    );
    let names: Vec<&str> = services.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"Fenbrook Clinic"), "{names:?}");
    assert!(names.contains(&"Elmcroft House"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("Inspections") || n.starts_with("Cancellation")),
        "{names:?}"
    );
}

#[test]
fn a_saints_title_cut_off_by_its_full_stop_is_no_place() {
    let services = services_of(
        "Schools inspected\n\nFenbrook Primary School, St. Aldric's High School and Elm Primary \
         School were inspected by Estyn, which rated Fenbrook Primary School good.\n",
    );
    assert_eq!(
        locality(&services, "Fenbrook Primary School"),
        None,
        "{services:?}"
    );
}

#[test]
fn a_street_of_an_address_is_no_locality_and_a_capitalised_article_no_name() {
    let services = services_of(
        "Surgery rated\n\nTHE Fenbrook Surgery has been rated inadequate by the Care Quality \
         Commission.\n\nElm Heights Medical Centre, in Larch Link, was rated good by the Care \
         Quality Commission.\n",
    );
    let names: Vec<&str> = services.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"Fenbrook Surgery"), "{names:?}");
    assert!(names.contains(&"Elm Heights Medical Centre"), "{names:?}");
    assert_eq!(
        locality(&services, "Elm Heights Medical Centre"),
        None,
        "{services:?}"
    );
}

#[test]
fn a_hospital_named_for_a_royal_title_keeps_the_title() {
    let services = services_of(
        "Hospital rated\n\nThe Duchess of Fenwick Hospital in Ashbury has been rated inadequate \
         by the Care Quality Commission after an inspection.\n",
    );
    assert_eq!(
        locality(&services, "Duchess of Fenwick Hospital").as_deref(),
        Some("Ashbury"),
        "{services:?}"
    );
}

#[test]
fn a_compass_word_is_no_place_without_the_region_it_opens() {
    // 'South' of 'South Wales' is no place: the region stays whole, although a
    // nation alone places no provider.
    let s = services_of(
        "Young offender unit told to improve\n\nHMYOI Fenmoor in South Wales has been \
         criticised by HM Inspectorate of Prisons after inspectors visited it in May.\n",
    );
    assert_eq!(
        locality(&s, "HMYOI Fenmoor").as_deref(),
        Some("South Wales")
    );
}

#[test]
fn childrens_services_in_a_council_area_are_named_in_full() {
    // 'children's services in <council area>' keeps its place in the name;
    // 'services for children and young people in <area>' names the service
    // without it. Council areas are gazetteer entries.
    let s = services_of(
        "Services judged good\n\nOfsted has rated children's services in Rutland as good after \
         a three-week inspection.\n",
    );
    assert_eq!(
        locality(&s, "children's services in Rutland").as_deref(),
        Some("Rutland")
    );
    let s = services_of(
        "Joint inspection finds strengths\n\nThe Care Inspectorate found that services for \
         children and young people in Fife were good at keeping children safe.\n",
    );
    assert_eq!(
        locality(&s, "services for children and young people").as_deref(),
        Some("Fife")
    );
}

#[test]
fn a_trust_of_schools_places_them_by_its_place_word_only() {
    // 'the two schools in The Fenmoor Learning Academy Trust': 'Learning' and
    // 'Academy' describe the trust, they are no part of the place.
    let s = services_of(
        "Schools praised\n\nLarch Primary School and Kell School, the two schools in The Fenmoor \
         Learning Academy Trust, were both judged good by Ofsted this month.\n",
    );
    assert_eq!(
        locality(&s, "Larch Primary School").as_deref(),
        Some("Fenmoor")
    );
}

#[test]
fn a_caption_credit_glued_on_ends_no_name() {
    // A scraper runs a photo credit into the line before: 'HMP Fenmoor
    // Credit: Eastshire News' names HMP Fenmoor.
    let s = services_of(
        "Prison conditions criticised\n\nInspectors were forced to investigate conditions at HMP \
         Fenmoor Credit: Eastshire News\n\nHM Inspectorate of Prisons found HMP Fenmoor was unsafe \
         and rated it poor for safety.\n",
    );
    assert!(s.iter().all(|(n, _)| !n.ends_with("Credit")), "{s:?}");
    assert_eq!(locality(&s, "HMP Fenmoor").as_deref(), Some("Fenmoor"));
}

#[test]
fn a_youth_justice_service_of_a_city_keeps_city_in_its_place_and_a_council_does_not() {
    let s = services_of(
        "Oldacre City youth justice rated good\n\nHM Inspectorate of Probation rated Oldacre \
         City Youth Justice Service good. Fenwick City Council's children's services were rated \
         outstanding by Ofsted.\n",
    );
    assert_eq!(
        locality(&s, "Oldacre City Youth Justice Service").as_deref(),
        Some("Oldacre City")
    );
    let council = s
        .iter()
        .find(|(n, _)| n.starts_with("Fenwick City Council"))
        .unwrap_or_else(|| panic!("no Fenwick council service in {s:?}"));
    assert_eq!(council.1.as_deref(), Some("Fenwick"));
}

#[test]
fn a_councils_service_named_by_its_kind_alone_takes_the_councils_name() {
    // 'its children's services' after the council's name in the sentence.
    let s = services_of(
        "Council pledges action\n\nOldacre Borough Council has pledged to act quickly after \
         Ofsted inspectors found its children's services require improvement to be good.\n",
    );
    assert_eq!(
        locality(&s, "Oldacre Borough Council children's services").as_deref(),
        Some("Oldacre"),
        "{s:?}"
    );
    // A council's own statement: 'our adult social care', the council named
    // once elsewhere.
    let s = services_of(
        "Assessment published\n\nThe Care Quality Commission has assessed our adult social care \
         as good, the council's leader said.\n\nA statement from Fenwick Council followed.\n",
    );
    assert_eq!(
        locality(&s, "Fenwick Council adult social care").as_deref(),
        Some("Fenwick"),
        "{s:?}"
    );
}

#[test]
fn a_name_the_text_writes_wins_over_one_put_together() {
    let s = services_of(
        "Services improve\n\nOfsted rated Oldacre Council's children's services good. The \
         inspectors said its children's services had improved since the last inspection, Oldacre \
         Council said.\n",
    );
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, "Oldacre Council's children's services");
}

#[test]
fn a_kind_that_needs_its_council_names_nothing_without_one() {
    // 'its education services' with no council named is no service.
    let s = services_of(
        "Estyn report\n\nEstyn inspectors found Larch Primary School good. The school said its \
         education services had improved.\n",
    );
    assert!(
        s.iter().all(|(n, _)| !n.contains("education services")),
        "{s:?}"
    );
}

#[test]
fn a_riding_is_one_place_and_a_determiner_is_none() {
    let s = services_of(
        "Council told to improve\n\nOfsted rated East Riding of Yorkshire Council children's \
         social care services inadequate.\n",
    );
    assert_eq!(
        locality(
            &s,
            "East Riding of Yorkshire Council children's social care services"
        )
        .as_deref(),
        Some("East Riding of Yorkshire"),
        "{s:?}"
    );
    // 'Another school, <name>': 'Another' is no place.
    let s = services_of(
        "Schools in special measures\n\nEstyn placed Larch Comprehensive in special measures. \
         Another school, Kell High Level Primary, was put in special measures after its \
         inspection.\n",
    );
    assert!(
        s.iter().all(|(_, l)| l.as_deref() != Some("Another")),
        "{s:?}"
    );
}

#[test]
fn a_council_areas_possessive_before_a_nursery_places_it_and_a_persons_does_not() {
    let s = services_of(
        "Nursery told to improve\n\nThe Care Inspectorate graded Moray's Larchfield Primary \
         Nursery weak for its setting.\n",
    );
    assert_eq!(
        locality(&s, "Larchfield Primary Nursery").as_deref(),
        Some("Moray"),
        "{s:?}"
    );
    let s = services_of(
        "Nursery praised\n\nThe Care Inspectorate graded Noah's Ark Nursery in Oldacre very good \
         for its care.\n",
    );
    assert!(s.iter().any(|(n, _)| n == "Noah's Ark Nursery"), "{s:?}");
}

#[test]
fn a_fostering_agency_is_placed_past_a_street_with_a_compass_word() {
    let s = services_of(
        "Agency rated good\n\nLarch Fostering Limited, in Kestrel Drive South, Fenwick, has been \
         rated good by Ofsted.\n",
    );
    assert_eq!(
        locality(&s, "Larch Fostering Limited").as_deref(),
        Some("Fenwick"),
        "{s:?}"
    );
}

#[test]
fn the_place_before_home_places_a_care_home_but_a_capitalised_kind_word_does_not() {
    let text = "Care home rated outstanding\n\nLarch House has been rated outstanding by the \
                Care Quality Commission.\n\nThe Fenwick Moor home, which cares for up to 40 \
                residents, was praised for its leadership.\n";
    let services = services_of(text);
    assert_eq!(
        locality(&services, "Larch House").as_deref(),
        Some("Fenwick Moor"),
        "{services:?}"
    );
    let text = "A NURSING home has been rated inadequate by the Care Quality Commission.\n\n\
                Elm Lodge Nursing Home was told to improve its staffing.\n";
    let services = services_of(text);
    assert_eq!(
        locality(&services, "Elm Lodge Nursing Home"),
        None,
        "{services:?}"
    );
}

#[test]
fn a_street_then_its_town_and_near_a_town_place_an_establishment() {
    let text = "Surgery rated inadequate\n\nThe Care Quality Commission found Fenwick Medical \
                Centre in Mill Street in Oldacre was failing patients.\n\nLarch Hall School, \
                near Kellbury, was given a good rating by Ofsted.\n";
    let services = services_of(text);
    assert_eq!(
        locality(&services, "Fenwick Medical Centre").as_deref(),
        Some("Oldacre"),
        "{services:?}"
    );
    assert_eq!(
        locality(&services, "Larch Hall School").as_deref(),
        Some("Kellbury"),
        "{services:?}"
    );
}

#[test]
fn a_quantifier_or_a_headlines_verb_before_a_name_is_no_part_of_it() {
    let text = "Surgeries rated\n\nBoth Larch Medical Centre and Elm Medical Centre, run by \
                Fenwick Healthcare, were rated inadequate by the Care Quality Commission.\n";
    let names: Vec<String> = services_of(text).into_iter().map(|(n, _)| n).collect();
    assert!(
        names.contains(&"Larch Medical Centre".to_string()),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.starts_with("Both")), "{names:?}");
}

#[test]
fn a_place_joined_to_the_next_name_ends_before_the_and() {
    // 'Larch House in Westshire and Priory Hospital Kellbury in Eastshire':
    // Larch House is in Westshire, not in 'Westshire and Priory Hospital ...'.
    let got = services_of(
        "\u{2022} Larch House in Westshire and Priory Hospital Kellbury in Eastshire both \
         rated inadequate\n\nInspectors rated both Larch House, in Westshire, and Priory \
         Hospital Kellbury, in Eastshire, inadequate.\n",
    );
    let larch = got.iter().find(|s| s.0 == "Larch House");
    assert_eq!(
        larch.and_then(|s| s.1.as_deref()),
        Some("Westshire"),
        "{got:?}"
    );
}

#[test]
fn a_name_the_excerpt_cuts_short_is_the_service_it_begins() {
    // The text stops mid-word: 'Priory Hospital Kellb' is Priory Hospital Kellbury.
    let got = services_of(
        "Hospital rated inadequate\n\nInspectors rated Priory Hospital Kellbury in \
         Westshire inadequate.\n\nMeanwhile, Priory Hospital Kellb",
    );
    let names: Vec<&str> = got.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["Priory Hospital Kellbury"], "{got:?}");
}

#[test]
fn an_of_left_after_a_dropped_leading_word_is_no_part_of_the_name() {
    // 'Staff of Larch Pre School are ...': 'Staff' is dropped, and so is 'of'.
    let got = services_of(
        "Nursery rated outstanding\n\nStaff of Larch Pre School are delighted after the \
         nursery was rated outstanding by Ofsted.\n",
    );
    let names: Vec<&str> = got.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["Larch Pre School"], "{got:?}");
}

#[test]
fn a_joint_inspection_of_an_areas_services_is_placed_in_the_area() {
    // 'in Oldacre Community Planning Partnership': the area is Oldacre.
    let got = services_of(
        "Joint inspection finds strengths\n\nThe Care Inspectorate published the findings of a \
         joint inspection of services for children and young people in the Oldacre Community \
         Planning Partnership.\n",
    );
    assert_eq!(
        got,
        [placed("services for children and young people", "Oldacre")],
    );
}

#[test]
fn childrens_services_a_grade_is_said_of_are_the_councils() {
    // 'rated children's services as inadequate', the council named in the lead.
    let got = services_of(
        "Council accepts findings\n\nFenshire Council has said it accepts the findings of an \
         Ofsted report that describes children's services in the county as inadequate.\n",
    );
    assert_eq!(
        got,
        [placed("Fenshire Council children's services", "Fenshire")],
    );
}

#[test]
fn a_provider_named_without_its_kind_is_placed_by_its_description_or_address() {
    let described = services_of(
        "Home told to improve\n\nA team from the Care Quality Commission has declared Kellmoor, \
         a 40 bedroom property for elderly people in Oldacre, as \"requiring improvement\" \
         following an unannounced visit.\n\nThe home must improve.\n",
    );
    assert_eq!(described, [placed("Kellmoor", "Oldacre")]);
    let addressed = services_of(
        "Home rated inadequate\n\nLarchmere, on Mill Road in Fenwick, was given an \
         'inadequate' rating by Ofsted after a visit in May.\n",
    );
    assert_eq!(addressed, [placed("Larchmere", "Fenwick")]);
}

#[test]
fn providers_a_headline_counts_in_a_place_are_placed_there() {
    // 'Two Oldacre medical centres': the place of both, named later.
    let counted = services_of(
        "Two Oldacre medical centres rated good\n\nLarchfield Medical Centre and Moorside \
         Medical Centre have both been rated good by the Care Quality Commission.\n",
    );
    assert_eq!(
        counted,
        [
            placed("Larchfield Medical Centre", "Oldacre"),
            placed("Moorside Medical Centre", "Oldacre"),
        ]
    );
    // 'a Fenwick-based' provider is not in a place called 'Fenwick-based'.
    let reach = services_of(
        "Clinic rated inadequate\n\nThe Care Quality Commission has rated Kellbrook Clinic, \
         run by a Fenwick-based private clinic group, as inadequate.\n",
    );
    assert_eq!(reach, [("Kellbrook Clinic".to_string(), None)]);
}

#[test]
fn a_hospital_named_after_its_site_is_placed_there_without_honours() {
    // 'Royal' honours the site; a person's name after the place is no place.
    let got = services_of(
        "Hospitals rated\n\nThe Care Quality Commission inspected Royal Fenwick Hospital, \
         Oldacre Victoria Hospital and Royal Victoria Hospital, and rated each good.\n",
    );
    assert_eq!(
        got,
        [
            placed("Royal Fenwick Hospital", "Fenwick"),
            placed("Oldacre Victoria Hospital", "Oldacre"),
            ("Royal Victoria Hospital".to_string(), None),
        ]
    );
}

#[test]
fn a_place_after_a_name_then_and_ends_before_the_next_name() {
    // 'Larch House in Oldacre and St Anne's Hospital in Fenwick': two
    // establishments, not an 'Oldacre and St Anne's Hospital'.
    let got = services_of(
        "Wards rated\n\nThe Care Quality Commission rated the wards at two sites, Larch House in \
         Oldacre and St Anne's Hospital in Fenwick, as inadequate.\n",
    );
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"St Anne's Hospital"), "{got:?}");
    assert!(names.iter().all(|n| !n.contains(" and ")), "{got:?}");
}

#[test]
fn a_council_run_home_and_the_councils_home_are_one_service() {
    // 'Oldacre Council children's home' in the headline and 'Oldacre
    // Council-run children's home' in the body name one home, placed where
    // the council is.
    let s = services_of(
        "Another Oldacre Council children's home rated inadequate\n\nOfsted has rated an \
         Oldacre Council-run children's home inadequate after inspectors found poor record \
         keeping.\n",
    );
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].1.as_deref(), Some("Oldacre"), "{s:?}");
}

#[test]
fn an_establishment_placed_nowhere_else_takes_the_place_given_its_kind() {
    // 'The hospital, in Oldacre, ...', 'The site at Fenwick Moor ...' and 'the
    // Kellbury-based provider' place the one establishment the article names
    // when nothing else does.
    let s = services_of(
        "Hospital rated inadequate\n\nLarchmere House has been rated inadequate by the \
         Care Quality Commission.\n\nThe hospital, in Oldacre, has forty beds on three \
         wards.\n",
    );
    assert_eq!(
        locality(&s, "Larchmere House").as_deref(),
        Some("Oldacre"),
        "{s:?}"
    );
    let s = services_of(
        "Secure centre praised\n\nOfsted rated Kellmoor Secure Centre outstanding.\n\n\
         The site at Fenwick Moor has twelve beds.\n",
    );
    assert_eq!(
        locality(&s, "Kellmoor Secure Centre").as_deref(),
        Some("Fenwick Moor"),
        "{s:?}"
    );
    let s = services_of(
        "College falls\n\nOfsted rated Wrenfield College inadequate.\n\nStaff at the \
         Kellbury-based provider said they would appeal.\n",
    );
    assert_eq!(
        locality(&s, "Wrenfield College").as_deref(),
        Some("Kellbury"),
        "{s:?}"
    );
}

#[test]
fn a_fostering_agency_based_in_a_region_is_placed_there_and_a_trusts_name_names_no_school() {
    // 'a fostering agency based in the South West' places the agency named
    // before it; the 'Larch Academy Trust' that sponsors the school is no
    // school called 'Larch Academy'.
    let s = services_of(
        "Fostering agency keeps top grade\n\nKellside Fostering, a fostering agency based \
         in the South West, was judged outstanding by Ofsted this month.\n",
    );
    assert_eq!(
        locality(&s, "Kellside Fostering").as_deref(),
        Some("South West"),
        "{s:?}"
    );
    let s = services_of(
        "School told to improve\n\nOfsted rated Wrenfield Primary School in Oldacre as \
         requires improvement. Its sponsor, the Larch Academy Trust, plans to appeal against \
         the grade.\n",
    );
    assert!(
        s.iter().any(|(n, _)| n == "Wrenfield Primary School"),
        "{s:?}"
    );
    assert!(!s.iter().any(|(n, _)| n.contains("Larch Academy")), "{s:?}");
}

#[test]
fn a_care_inspectorate_report_header_names_the_service_and_its_town() {
    // 'NAME Day Care of Children ADDRESS TOWN POSTCODE': the type of care
    // service is no part of the name, 'of Children' no place; the town is
    // the one before the postcode, after the street.
    let s = services_of(
        "Larch Lane Nursery Day Care of Children Larch Lane Primary 4 Mill Road Oldacre OL4 2BD \
         Telephone: 01234 567890 Inspected by: Jo Hale Type of inspection: Unannounced\n\n\
         The Care Inspectorate graded the nursery very good for care and support.\n",
    );
    assert_eq!(
        locality(&s, "Larch Lane Nursery").as_deref(),
        Some("Oldacre"),
        "{s:?}"
    );
    assert!(!s.iter().any(|(n, _)| n.contains("Day Care")), "{s:?}");
}

#[test]
fn a_service_named_only_by_the_verb_that_grades_it_is_the_fallback() {
    // No rule names the agency by its kind: the grading verb's object is it.
    let s = services_of(
        "Agency praised\n\nThe Care Quality Commission rated Kell Carers, based in Oldacre, \
         as outstanding in a report published on Monday.\n",
    );
    assert_eq!(s, [placed("Kell Carers", "Oldacre")]);
    // An acronym opening the sentence that grades it.
    let s = services_of(
        "Fire service report\n\nThe inspectorate published its report. KFRS was judged to \
         require improvement by HMICFRS.\n",
    );
    assert_eq!(s, [("KFRS".to_string(), None)]);
    // A named service leaves the fallback out; a grade word is no name.
    let s = services_of(
        "School rated\n\nLarch Primary School has been rated good by Ofsted. Inspectors \
         rated Good the behaviour of its pupils.\n",
    );
    assert_eq!(s, [("Larch Primary School".to_string(), None)]);
}

/// A provider's name run into a league table's or a prize's ('the Kell
/// Gazette Childcare League Table') names no provider.
#[test]
fn a_name_running_into_a_league_table_or_an_award_is_no_provider() {
    let rec = record_of(
        "Nursery tops table\n\nLarch Tots Nursery in Kellford was rated outstanding by the Care \
         Inspectorate and came first in the Kell Gazette Childcare League Table.\n",
    );
    let names = names_with(&rec, "services", "locality");
    assert!(
        names.iter().all(|(n, _)| !n.contains("Gazette")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|(n, _)| n == "Larch Tots Nursery"),
        "{names:?}"
    );
}
