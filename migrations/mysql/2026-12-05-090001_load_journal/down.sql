DROP TABLE load_journal;
