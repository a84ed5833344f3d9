#!/usr/bin/env python3
"""Read a Nabla TensorBoard log folder with TensorBoard's own reader and print what it finds.

Usage: python tools/tensorboard_read_check.py runs/quickstart/tensorboard

Needs the `tensorboard` Python package (on this kind of machine: `python3 -m venv /tmp/tbenv &&
/tmp/tbenv/bin/pip install --no-index --find-links /opt/pypi/files tensorboard`). Exits 1 when the
folder holds no scalars, histograms or images, so it can serve as a check of the event-file writer.
"""
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def main(folder):
    acc = EventAccumulator(folder, size_guidance={"scalars": 0, "histograms": 0, "images": 0})
    acc.Reload()
    tags = acc.Tags()
    for tag in tags["scalars"]:
        values = [round(e.value, 4) for e in acc.Scalars(tag)]
        print(f"scalar    {tag}: {len(values)} points, first {values[:5]}")
    for tag in tags["histograms"]:
        events = acc.Histograms(tag)
        h = events[-1].histogram_value
        print(f"histogram {tag}: {len(events)} steps, last: {int(h.num)} values in [{h.min:.4g}, {h.max:.4g}]")
    for tag in tags["images"]:
        events = acc.Images(tag)
        print(f"image     {tag}: {len(events)} x {events[-1].width}x{events[-1].height} PNG")
    if not (tags["scalars"] and tags["histograms"] and tags["images"]):
        print("missing scalars, histograms or images", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
