DROP TRIGGER licenses_words_delete;
DROP TRIGGER licenses_words_update;
DROP TRIGGER licenses_words_insert;
DROP TABLE licenses_words;
