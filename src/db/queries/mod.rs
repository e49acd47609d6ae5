//! Read queries, one file per entity.
