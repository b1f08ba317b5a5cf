"""Rebuilds a run's metrics.json from its .metrics/ sidecars, e.g. after the process was killed between
two rewrites: python3 rebuild_metrics.py runs/7 > runs/7/metrics.json.new && mv runs/7/metrics.json.new runs/7/metrics.json

Each .metrics/<index>.bin holds 24-byte little-endian records (step int64, Unix-ms timestamp int64, value
float64); .metrics/names.json lists the metric names by index. A torn record at the end is ignored.
"""
import datetime, json, pathlib, struct, sys

run = pathlib.Path(sys.argv[1])
names = json.loads((run / ".metrics" / "names.json").read_text())
metrics = {}
for index, name in enumerate(names):
    data = (run / ".metrics" / f"{index}.bin").read_bytes()
    points = list(struct.iter_unpack("<qqd", data[: len(data) // 24 * 24]))
    epoch = datetime.datetime(1970, 1, 1)
    metrics[name] = {
        "steps": [step for step, _, _ in points],
        "timestamps": [(epoch + datetime.timedelta(milliseconds=ms)).isoformat() for _, ms, _ in points],
        "values": [value for _, _, value in points],
    }
print(json.dumps(metrics, sort_keys=True, indent=2), end="")
