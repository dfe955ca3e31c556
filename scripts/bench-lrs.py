#!/usr/bin/env python3
"""Load generator for the LRS benchmark (scripts/bench-lrs.sh).

POSTs BATCHES batches of 50 xAPI statements to /xapi/statements from
WORKERS threads (keep-alive connections), then checks in the SQLite file that
every id the LRS returned is stored exactly once. Prints one JSON object.

usage: bench-lrs.py BASE_URL KEY SECRET DB_FILE BATCHES WORKERS
"""
import base64
import http.client
import json
import sqlite3
import sys
import threading
import time
import urllib.parse
import uuid

base, key, secret, db_file = sys.argv[1:5]
batches, workers = int(sys.argv[5]), int(sys.argv[6])
BATCH = 50
url = urllib.parse.urlparse(base)
auth = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
headers = {
    "Authorization": auth,
    "X-Experience-API-Version": "2.0.0",
    "Content-Type": "application/json",
}


def batch_body(n):
    statements = []
    for i in range(BATCH):
        statements.append({
            "id": str(uuid.uuid4()),
            "actor": {"objectType": "Agent", "mbox": f"mailto:learner{(n * BATCH + i) % 5000}@bench.example"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en": "experienced"}},
            "object": {"id": f"https://clikc.example/course/{n % 40}/page/{i}",
                       "definition": {"name": {"en": f"Page {i}"}}},
            "result": {"completion": False, "duration": "PT2M30S"},
            "context": {"platform": "Moodle", "language": "en"},
            "timestamp": "2024-04-15T10:15:00Z",
        })
    return statements


bodies = [batch_body(n) for n in range(batches)]
sent_ids = [s["id"] for body in bodies for s in body]
payloads = [json.dumps(body).encode() for body in bodies]
returned, failures, latencies = [], [], []
lock = threading.Lock()
next_batch = iter(range(batches))


def worker():
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    while True:
        with lock:
            n = next(next_batch, None)
        if n is None:
            break
        started = time.perf_counter()
        conn.request("POST", "/xapi/statements", body=payloads[n], headers=headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            if response.status == 200:
                returned.extend(json.loads(data))
            else:
                failures.append((response.status, data[:200].decode(errors="replace")))
    conn.close()


started = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - started

db = sqlite3.connect(db_file)
stored = {row[0] for row in db.execute("select statement_id from xapi_statements")}
missing = [i for i in sent_ids if i not in stored]
latencies.sort()
print(json.dumps({
    "statements": len(sent_ids),
    "batches": batches,
    "workers": workers,
    "seconds": round(wall, 3),
    "statements_per_second": round(len(sent_ids) / wall),
    "batch_median_ms": round(latencies[len(latencies) // 2] * 1000, 1),
    "batch_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
    "failed_batches": len(failures),
    "first_failure": failures[0] if failures else None,
    "returned_ids_match": sorted(returned) == sorted(sent_ids),
    "missing_in_database": len(missing),
}))
