//! Scoring records against gold annotations (SPEC.md's gold format and scoring
//! conventions): precision, recall and F1 per field.
