# Peer of `bin/brevettiai bench pipeline`: torchvision ImageFolder + DataLoader with the same transforms.
# Usage: python3 torchvision_bench.py FOLDER EPOCHS WORKERS ; prints "epoch <seconds> <images> <cpu seconds>" per
# epoch: the CPU time of this process and of its finished children (the epoch's workers end with it).
import resource
import sys
import time

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

folder, epochs, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
transform = transforms.Compose([
    transforms.Resize((64, 64), antialias=True),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
    transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]),
])
data = datasets.ImageFolder(folder, transform=transform)
loader = DataLoader(data, batch_size=8, shuffle=True, num_workers=workers)
classes = len(data.classes)


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


for epoch in range(epochs):
    start = time.perf_counter()
    cpu = cpu_seconds()
    n = 0
    for images, labels in loader:
        onehot = torch.nn.functional.one_hot(labels, classes).float()
        n += images.shape[0]
    seconds = time.perf_counter() - start
    print("epoch %.6f %d %.6f" % (seconds, n, cpu_seconds() - cpu), flush=True)
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("peak_kb %d" % peak_kb, flush=True)
