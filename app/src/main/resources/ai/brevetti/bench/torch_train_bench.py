# Peer of `bin/brevettiai bench training`: PyTorch training steps of the same network (torch_cnn.py) with the
# same optimizer and loss, on the same pre-decoded images, driven round by round by the Java benchmark.
# Usage: python3 torch_train_bench.py DATA SIZE CLASSES BATCH THREADS
#   DATA: float32 little-endian, N x SIZE x SIZE x 3 images (NHWC) then N x CLASSES one-hot labels.
# Prints "params <count>", "threads <n> interop <n>" and "ready"; then for each stdin line: "version" prints torch's
# version; "run <steps>" runs that many training steps over the batches in turn and prints "step <seconds>" for
# each, then "done"; "quit" ends.
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_cnn import build_cnn, parameter_count  # noqa: E402

data, size, classes, batch, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(threads)
torch.set_num_interop_threads(1)
torch.manual_seed(1)

values = np.fromfile(data, dtype="<f4")
n = values.size // (size * size * 3 + classes)
images = torch.from_numpy(values[: n * size * size * 3].reshape(n, size, size, 3)).permute(0, 3, 1, 2).contiguous()
labels = torch.from_numpy(values[n * size * size * 3:].reshape(n, classes)).contiguous()
batches = [(images[i:i + batch].contiguous(), labels[i:i + batch].contiguous()) for i in range(0, n - batch + 1, batch)]

model = build_cnn(classes, size)
model.train()
# Adam as brevettiai's Optimizer.adam(1e-3): betas 0.9, 0.999, epsilon 1e-7 (Keras's)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
loss_fn = torch.nn.CrossEntropyLoss()  # mean softmax cross-entropy against the one-hot (probability) targets

print("params %d" % parameter_count(model), flush=True)
print("threads %d interop %d" % (torch.get_num_threads(), torch.get_num_interop_threads()), flush=True)
print("ready", flush=True)
k = 0
for line in sys.stdin:
    words = line.split()
    if not words or words[0] == "quit":
        break
    if words[0] == "version":
        print(torch.__version__, flush=True)
        continue
    for _ in range(int(words[1])):
        x, y = batches[k % len(batches)]
        k += 1
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        logits = model(x)
        loss = loss_fn(logits, y)
        loss.backward()
        optimizer.step()
        correct = (logits.argmax(1) == y.argmax(1)).sum().item()  # the loss and hits, as the Java step returns them
        value = loss.item()
        print("step %.6f" % (time.perf_counter() - start), flush=True)
    print("done", flush=True)
