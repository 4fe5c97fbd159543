#!/usr/bin/env python3
"""PyTorch's fused nn.LSTM / nn.GRU timed the way `unroll bench engine` times unroll.

Same shapes (cell:H:T:batch), input size 4, a Linear read-out to 4 outputs, MSE at every step,
one forward + backward per run, best of the runs made within --seconds (at least 3), on ONE
thread (torch.set_num_threads(1)) and in float64, the precision unroll computes in. Prints the
same table layout as `unroll bench engine`.

Not part of the build or the tests; needs torch (for example in a virtual environment:
`python3 -m venv /tmp/torchenv && /tmp/torchenv/bin/pip install torch`), then
`/tmp/torchenv/bin/python scripts/bench_torch.py [SHAPE ...]`.
"""
import argparse
import time

import torch

DEFAULT_SHAPES = ["rnn:8:100:1", "lstm:8:100:1", "lstm:32:100:1", "gru:32:100:1", "lstm:128:100:1",
                  "lstm:32:100:32", "lstm:256:50:16", "lstm:512:50:32", "gru:256:100:16"]
DTYPE = torch.float64


def measure(shape, seconds):
    cell, hidden, steps, batch = shape.split(":")
    hidden, steps, batch = int(hidden), int(steps), int(batch)
    torch.manual_seed(1)
    kind = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]
    rnn = kind(input_size=4, hidden_size=hidden).to(DTYPE)
    readout = torch.nn.Linear(hidden, 4).to(DTYPE)
    x = torch.rand(steps, batch, 4, dtype=DTYPE) * 2 - 1
    target = torch.rand(steps, batch, 4, dtype=DTYPE) * 2 - 1
    loss_fn = torch.nn.MSELoss()
    params = list(rnn.parameters()) + list(readout.parameters())

    def run():
        for p in params:
            p.grad = None
        out, _ = rnn(x)
        loss = loss_fn(readout(out), target)  # MSE over every step and output
        loss.backward()

    run()  # warm-up
    best, reps = float("inf"), 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or reps < 3:
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
        reps += 1
    return best, reps


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shapes", nargs="*", help="cell:H:T:batch (default: the standard set)")
    parser.add_argument("--seconds", type=float, default=1.0, help="seconds to spend on each shape")
    args = parser.parse_args()
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread, dtype float64, fused nn.LSTM/nn.GRU")
    for shape in args.shapes or DEFAULT_SHAPES:
        best, reps = measure(shape, args.seconds)
        print(f"{shape:<28}{best * 1000:10.3f} ms per step  (best of {reps} runs)", flush=True)


if __name__ == "__main__":
    main()
