# Cnn.small() of the training module (Cnn.java, built by GraphModel.java) in PyTorch: the network of the
# benchmarks' PyTorch peers (bench predict; the training benchmark). Keep it a plain mirror of the Java one:
# the same layers, shapes and parameter count (285,987 for 3 classes on 64x64x3), the same initialisation.
#   conv 16@3x3 -> maxpool 2 -> conv 32@3x3 -> maxpool 2 -> conv 64@3x3 -> maxpool 2 -> dense 64 -> dense classes
# Convolutions: stride 1, "same" padding, bias, ReLU; pooling: max of 2x2 windows, stride 2 (floor); the first
# dense layer flattens, ReLU after it; the last dense layer gives the logits (GraphModel adds the softmax).
# Weights: truncated normal (within 2 stddev) with He scaling, stddev sqrt(2 / fan-in); biases 0.
# The one difference: PyTorch is NCHW, so the flattened features are in (channel, row, column) order where
# TensorFlow's NHWC gives (row, column, channel); the shapes and the work are the same.
import math

import torch
from torch import nn


def build_cnn(classes, size):
    """Cnn.small() for size x size x 3 images and `classes` outputs (logits); seed with torch.manual_seed first."""
    layers = []
    channels = 3
    for filters in (16, 32, 64):
        layers += [nn.Conv2d(channels, filters, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
        channels = filters
        size //= 2
    layers += [nn.Flatten(), nn.Linear(channels * size * size, 64), nn.ReLU(), nn.Linear(64, classes)]
    model = nn.Sequential(*layers)
    for layer in model:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            fan_in = layer.weight[0].numel()
            std = math.sqrt(2.0 / fan_in)
            nn.init.trunc_normal_(layer.weight, std=std, a=-2 * std, b=2 * std)
            nn.init.zeros_(layer.bias)
    return model


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())
