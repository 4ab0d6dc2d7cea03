#include "db/restore.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_TEXT_MAX 4160

static int sqlite_refusal(sqlite3 *conn, int rc, const char *src, struct error *err)
{
	if ((rc & 0xff) == SQLITE_NOTADB)
		return error_set(err, EX_UNAVAILABLE, "%s: not a sendesk database (not an SQLite file)", src);
	if ((rc & 0xff) == SQLITE_CORRUPT)
		return error_set(err, EX_UNAVAILABLE, "%s: the database file is corrupt", src);
	return error_set(err, EX_IOERR, "%s: %s", src, conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
}

static int copy_pages(sqlite3 *from, sqlite3 *to, const char *src, struct error *err)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (b == NULL)
		return sqlite_refusal(to, sqlite3_errcode(to), src, err);
	int rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? 0 : sqlite_refusal(from, rc, src, err);
}

/* "file:PATH?immutable=1", PATH percent-encoded where a URI needs it:
 * immutable, because nothing writes a backup being restored, so SQLite
 * neither locks it nor leaves -wal and -shm files beside it. */
static void immutable_uri(const char *path, char *buf, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t used = (size_t)snprintf(buf, len, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p && used + 4 < len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/._-~", *p) != NULL) {
			buf[used++] = (char)*p;
		} else {
			buf[used++] = '%';
			buf[used++] = hex[*p >> 4];
			buf[used++] = hex[*p & 15];
		}
	}
	snprintf(buf + used, len - used, "?immutable=1");
}

int db_copy_file(const char *src, const char *dest, int file_mode, struct error *err)
{
	struct stat st;
	if (stat(src, &st) != 0)
		return error_set(err, EX_NOINPUT, "%s: cannot open: %s", src, strerror(errno));
	int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL, (mode_t)file_mode);
	if (fd < 0)
		return error_set(err, EX_CANTCREAT, "%s: cannot create: %s", dest, strerror(errno));
	int rc = fchmod(fd, (mode_t)file_mode) == 0 ? 0
	         : error_set(err, EX_CANTCREAT, "%s: cannot set mode: %s", dest, strerror(errno));
	close(fd);
	sqlite3 *from = NULL, *to = NULL;
	char uri[3 * PATH_TEXT_MAX + 32];
	immutable_uri(src, uri, sizeof uri);
	int src_rc = rc ? SQLITE_OK
	             : sqlite3_open_v2(uri, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	if (rc == 0 && src_rc != SQLITE_OK)
		rc = sqlite_refusal(from, src_rc, src, err);
	if (rc == 0 && sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		rc = error_set(err, EX_CANTCREAT, "%s: cannot open: %s", dest, sqlite3_errmsg(to));
	if (rc == 0)
		rc = copy_pages(from, to, src, err);
	sqlite3_close(from);
	sqlite3_close(to);
	return rc;
}

/* Flushes the directory entry of a rename, so that it survives a crash. */
static void sync_parent(const char *path)
{
	char copy[PATH_TEXT_MAX];
	snprintf(copy, sizeof copy, "%s", path);
	int fd = open(dirname(copy), O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int db_replace(const char *tmp, const char *path, struct error *err)
{
	char wal[PATH_TEXT_MAX];
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (access(wal, F_OK) == 0)
		return error_set(err, EX_TEMPFAIL,
		                 "%s is open in another sendesk (%s is there); close it and try again",
		                 path, wal);
	int fd = open(tmp, O_RDONLY);
	bool synced = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	if (!synced || rename(tmp, path) != 0)
		return error_set(err, EX_IOERR, "%s: cannot put the backup in place: %s", path,
		                 strerror(errno));
	sync_parent(path);
	return 0;
}
