//! Criterion benches for the hot stages over the project's corpus: normalise,
//! segment, match and the whole extraction of one article at a time.
//! `cargo bench --bench stages`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use pressmine::{extract, ingest, matcher, normalize, rules, segment};
use std::path::Path;

fn corpus() -> Vec<ingest::Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (files, _) = ingest::discover(&root).expect("corpus/ is readable");
    files.iter().flat_map(|f| ingest::load(f).0).collect()
}

fn stages(c: &mut Criterion) {
    let set = rules::load(&rules::RuleSource::Folder(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
    ))
    .expect("valid rules");
    let articles = corpus();
    let bytes: u64 = articles.iter().map(|a| a.text.len() as u64).sum();
    let norms: Vec<normalize::NormalizedText> = articles
        .iter()
        .map(|a| normalize::normalize(&a.text))
        .collect();

    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(normalize::normalize(&a.text));
            }
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            for n in &norms {
                black_box(segment::segment(&n.text));
            }
        })
    });
    g.bench_function("match", |b| {
        b.iter(|| {
            for n in &norms {
                black_box(matcher::run(&set, &n.text));
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extract::extract(a, &set));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
