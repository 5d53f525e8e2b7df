# The PyTorch mirror of brevettiai's Cnn.small() as GraphModel builds it (training/.../Cnn.java, GraphModel.java):
# conv 16@3x3, maxpool 2, conv 32@3x3, maxpool 2, conv 64@3x3, maxpool 2, dense 64, dense (classes);
# 285,987 parameters for 3 classes on 64x64x3.
# Convolutions: stride 1, "same" padding, bias, then ReLU; pooling: max over size x size windows, stride size
# ("valid": a remainder is dropped); the first dense layer flattens; every layer but the last is followed by a
# ReLU; the last gives the logits (the softmax is in the loss, or GraphModel's output). Weights: truncated
# normal (within 2 stddev) with He scaling, stddev sqrt(2 / fan-in); biases 0, as GraphModel starts them.
# PyTorch takes NCHW images, brevettiai NHWC: the benchmarks permute the same values once, before timing, and
# the flattened features are in (channel, row, column) order where TensorFlow's NHWC gives (row, column,
# channel); the shapes and the work are the same. Shared by `bench training` and `bench predict`: keep it a
# plain mirror of Cnn.java.
import math

from torch import nn

# Cnn.small(): ("conv", filters, kernel), ("pool", size), ("gap",) (global average pool), ("dense", units)
SMALL = (("conv", 16, 3), ("pool", 2), ("conv", 32, 3), ("pool", 2), ("conv", 64, 3), ("pool", 2), ("dense", 64))


def build_cnn(classes, size, channels=3, layers=SMALL):
    """The network for size x size x channels images and `classes` outputs (logits); seed with torch.manual_seed first."""
    modules = []
    h = w = size
    c = channels
    flat = False
    for layer in layers:
        kind = layer[0]
        if kind == "conv":
            filters, kernel = layer[1], layer[2]
            modules += [nn.Conv2d(c, filters, kernel, stride=1, padding="same"), nn.ReLU()]
            c = filters
        elif kind == "pool":
            modules.append(nn.MaxPool2d(layer[1], stride=layer[1]))
            h //= layer[1]
            w //= layer[1]
        elif kind == "gap":
            modules += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
            h = w = 1
            flat = True
        elif kind == "dense":
            if not flat:
                modules.append(nn.Flatten())
                c = h * w * c
                flat = True
            modules += [nn.Linear(c, layer[1]), nn.ReLU()]
            c = layer[1]
        else:
            raise ValueError("unknown layer %r" % (layer,))
    if not flat:
        modules.append(nn.Flatten())
        c = h * w * c
    modules.append(nn.Linear(c, classes))
    model = nn.Sequential(*modules)
    for module in model:
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            std = math.sqrt(2.0 / module.weight[0].numel())
            nn.init.trunc_normal_(module.weight, std=std, a=-2 * std, b=2 * std)
            nn.init.zeros_(module.bias)
    return model


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())
