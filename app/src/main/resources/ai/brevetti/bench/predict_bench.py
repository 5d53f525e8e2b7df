# Peer of `bin/brevettiai bench predict`: PyTorch inference of the same network (torch_cnn.build_cnn, a mirror of
# Cnn.small()) in eval mode under torch.inference_mode(), torch.set_num_threads(THREADS).
# Usage: python3 predict_bench.py FOLDER BATCH SIZE THREADS WORKERS SEED
# Prints "params <n>" and "ready", then answers one line per command read from stdin:
#   model  -> "model <seconds> <images> <cpu seconds>": forward + softmax of every image, pre-decoded into batches (NCHW)
#   e2e    -> "e2e <seconds> <images> <cpu seconds>": torchvision ImageFolder + DataLoader (WORKERS workers; Resize
#             antialias, ToTensor, Normalize to [-1, 1]), forward + softmax + argmax, in file order
# (cpu seconds: this process's and its finished children's, the DataLoader's workers among them)
#   quit   -> "peak_kb <kb>" (this process and its finished children), then exits
import resource
import sys
import time

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from torch_cnn import build_cnn, parameter_count

folder, batch, size, threads, workers, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), \
    int(sys.argv[5]), int(sys.argv[6])
torch.set_num_threads(threads)
transform = transforms.Compose([
    transforms.Resize((size, size), antialias=True),
    transforms.ToTensor(),
    transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]),
])
data = datasets.ImageFolder(folder, transform=transform)
torch.manual_seed(seed)
model = build_cnn(len(data.classes), size).eval()
print("params %d" % parameter_count(model), flush=True)


def loader():
    return DataLoader(data, batch_size=batch, shuffle=False, num_workers=workers)


decoded = [images for images, labels in loader()]
print("ready", flush=True)


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def model_only():
    n = 0
    with torch.inference_mode():
        for images in decoded:
            probabilities = torch.softmax(model(images), dim=1)
            n += probabilities.shape[0]
    return n


def end_to_end():
    n = 0
    predictions = []
    with torch.inference_mode():
        for images, labels in loader():
            probabilities = torch.softmax(model(images), dim=1)
            predictions.append(probabilities.argmax(dim=1))
            n += probabilities.shape[0]
    return n


for line in sys.stdin:
    command = line.strip()
    if command == "quit":
        break
    run = {"model": model_only, "e2e": end_to_end}.get(command)
    if run is None:
        print("error unknown command %r" % command, flush=True)
        continue
    cpu = cpu_seconds()
    start = time.perf_counter()
    images = run()
    print("%s %.6f %d %.6f" % (command, time.perf_counter() - start, images, cpu_seconds() - cpu), flush=True)
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("peak_kb %d" % peak_kb, flush=True)
