//! Saved pages: the real binary over small articles written for these tests.
//! A crawler's date glued to a page's first line ('date 2016-10-11 ...') is a
//! paragraph of its own: it still dates the article, and the headline or the
//! lede after it is read as if it opened the page.

mod support;

use support::record_of;

#[test]
fn a_crawlers_date_prefix_is_no_part_of_the_lede() {
    let rec = record_of(
        " date 2016-10-11 A proud manager has thanked her staff after their nursery was rated \
         'outstanding' by Ofsted.\n\nLarch Nursery in Oldacre was inspected in September.\n",
    );
    assert_eq!(rec["published"], "2016-10-11", "{rec}");
    let ratings: Vec<(&str, &str)> = rec["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["scope"].as_str().unwrap(), r["value"].as_str().unwrap()))
        .collect();
    assert_eq!(ratings, [("overall", "Outstanding")]);
}

#[test]
fn a_crawlers_date_prefix_is_no_part_of_the_headline() {
    let rec = record_of(
        " date 2023-05-04 Larch Nursery rated outstanding\n\nLarch Nursery in Oldacre has been \
         rated outstanding by Ofsted.\n",
    );
    assert_eq!(rec["title"], "Larch Nursery rated outstanding", "{rec}");
    assert_eq!(rec["published"], "2023-05-04", "{rec}");
}
