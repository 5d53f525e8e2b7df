# Peer of `bin/brevettiai bench pipeline`: torchvision ImageFolder + DataLoader with the same transforms.
# Usage: python3 torchvision_bench.py FOLDER EPOCHS WORKERS ; prints "epoch <seconds> <images>" per epoch.
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
for epoch in range(epochs):
    start = time.perf_counter()
    n = 0
    for images, labels in loader:
        onehot = torch.nn.functional.one_hot(labels, classes).float()
        n += images.shape[0]
    print("epoch %.6f %d" % (time.perf_counter() - start, n), flush=True)
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("peak_kb %d" % peak_kb, flush=True)
