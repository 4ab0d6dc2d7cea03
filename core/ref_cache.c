#include "core/ref_cache.h"

#include <stdlib.h>
#include <string.h>

#include "db/record.h"

/* Open addressing over a power-of-two table kept at most half full; the
 * keys are copied into one growing arena, addressed by offset so that
 * growing it moves nothing the slots hold. */
struct ref_slot {
	uint64_t hash;
	size_t offset;        /* into text; 0 marks an empty slot */
	int table;
	int64_t id;
};

struct ref_cache {
	struct ref_slot *slots;
	size_t cap, used;
	char *text;
	size_t text_len, text_cap;
};

static uint64_t hash_key(enum db_table_id t, const char *key)
{
	uint64_t h = UINT64_C(14695981039346656037) ^ (uint64_t)t;   /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * UINT64_C(1099511628211);
	return h;
}

struct ref_cache *ref_cache_new(void)
{
	return calloc(1, sizeof(struct ref_cache));
}

void ref_cache_free(struct ref_cache *c)
{
	if (c == NULL)
		return;
	free(c->slots);
	free(c->text);
	free(c);
}

static struct ref_slot *probe(struct ref_slot *slots, size_t cap, uint64_t hash, int table,
                              const char *text, const char *key)
{
	for (size_t i = hash & (cap - 1);; i = (i + 1) & (cap - 1)) {
		struct ref_slot *s = &slots[i];
		if (s->offset == 0 ||
		    (s->hash == hash && s->table == table && strcmp(text + s->offset, key) == 0))
			return s;
	}
}

static bool grow(struct ref_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 256;
	struct ref_slot *slots = calloc(cap, sizeof *slots);
	if (slots == NULL)
		return false;
	for (size_t i = 0; i < c->cap; i++) {
		struct ref_slot *s = &c->slots[i];
		if (s->offset != 0)
			*probe(slots, cap, s->hash, -1, c->text, "") = *s;   /* finds an empty slot */
	}
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
	return true;
}

static bool keep_text(struct ref_cache *c, const char *key, size_t *offset)
{
	size_t len = strlen(key) + 1;
	if (c->text_len == 0)
		c->text_len = 1;   /* offset 0 means empty */
	if (c->text_len + len > c->text_cap) {
		size_t cap = c->text_cap ? c->text_cap : 4096;
		while (cap < c->text_len + len)
			cap *= 2;
		char *p = realloc(c->text, cap);
		if (p == NULL)
			return false;
		c->text = p;
		c->text_cap = cap;
	}
	memcpy(c->text + c->text_len, key, len);
	*offset = c->text_len;
	c->text_len += len;
	return true;
}

int ref_cache_find(struct ref_cache *c, struct db *db, enum db_table_id t, const char *key,
                   int64_t *id, struct error *err)
{
	if ((c->used + 1) * 2 > c->cap && !grow(c))
		return error_set(err, EX_OSERR, "out of memory");
	uint64_t hash = hash_key(t, key);
	struct ref_slot *slot = probe(c->slots, c->cap, hash, (int)t, c->text, key);
	if (slot->offset != 0) {
		*id = slot->id;
		return 0;
	}
	int rc = db_record_find_by_key(db, t, key, id, err);
	if (rc != 0 || *id == 0)
		return rc;
	size_t offset;
	if (!keep_text(c, key, &offset))
		return error_set(err, EX_OSERR, "out of memory");
	*slot = (struct ref_slot){hash, offset, (int)t, *id};
	c->used++;
	return 0;
}
