CREATE TEXT SEARCH DICTIONARY d (stopwords = english);
