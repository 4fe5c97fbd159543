#!/usr/bin/env python3
"""Makes the PyTorch model fixtures that `unroll trace --model` must reproduce to 1e-8.

    pip install torch safetensors      # developed with torch 2.13.0+cpu, safetensors 0.8.0
    python3 make_fixtures.py           # writes NAME.safetensors, NAME.input.csv, NAME.target.csv, NAME.json
    python3 make_fixtures.py --check   # only recomputes every fixture's `expected` and compares

The tests never run this: the files it wrote are committed, and PyTorch is not needed to run them.

Five fixtures (lstm_stacked, gru_f32, rnn_relu_nobias, embed_lstm_ce, gru_ce_last) were copied
from the project's shared reference set; this script does not write them, but `--check` (and every
run) recomputes their answers with the same code as the fixtures it makes, as a check on this
script. It makes:

    rnn_tanh_long      nn.RNN(3, 16) tanh, T = 200, mse at every step (the long tanh RNN)
    gru_stacked_f16    2-layer nn.GRU stored as F16, cross-entropy at the last step, names gru.* / out.*
    lstm_bf16_bare     a bare nn.LSTM (names weight_ih_l0, …, no read-out), stored as BF16
    embed_rnn_relu_nobias_head
                       nn.Embedding + nn.RNN(relu) + nn.Linear(bias=False), cross-entropy,
                       names encoder.emb.* / encoder.rnn.* / encoder.classifier.*

A NAME.json holds `flags` (the `trace --model` flags) and `expected`, PyTorch's float64 answers:
`loss`, `y` (T × O), `layers` (bottom first: `h`, `dh_norms`, and `c`, `dc_norms`, `gates` where the
cell has them), the same keys for the top layer at the top level, and `grads` (dL/d every tensor
of the file, keyed by its name, in its shape). Weights stored as F32/F16/BF16 are used at exactly
their stored values, in float64.

How the answers are computed: the module is cast to float64, then unrolled by hand from its own
parameters with PyTorch's equations (checked against the module's own forward to 1e-12), so
autograd can report dL/dh_t and dL/dc_t at every step of every layer (retain_grad); `grads` are
the parameters' .grad. The loss is the mean over scored steps of mean squared error or of
−log softmax at the target; the states start at zero.
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = ["lstm_stacked", "gru_f32", "rnn_relu_nobias", "embed_lstm_ce", "gru_ce_last"]


class Net(nn.Module):
    """An optional embedding, a recurrent stack and an optional linear read-out."""

    def __init__(self, rnn, embed=None, head=None, names=("embed", "rnn", "head")):
        super().__init__()
        self.names = names
        if embed is not None:
            setattr(self, names[0], embed)
        setattr(self, names[1], rnn)
        if head is not None:
            setattr(self, names[2], head)

    @property
    def parts(self):
        e, r, h = self.names
        return getattr(self, e, None), getattr(self, r), getattr(self, h, None)


def unroll(rnn, x, nonlinearity):
    """Every layer's states and gates, step by step, from the module's own parameters."""
    mode = type(rnn).__name__
    H, L = rnn.hidden_size, rnn.num_layers
    layers = []
    inputs = x
    for l in range(L):
        W_ih, W_hh = getattr(rnn, f"weight_ih_l{l}"), getattr(rnn, f"weight_hh_l{l}")
        b_ih = getattr(rnn, f"bias_ih_l{l}") if rnn.bias else torch.zeros(W_ih.shape[0], dtype=x.dtype)
        b_hh = getattr(rnn, f"bias_hh_l{l}") if rnn.bias else torch.zeros(W_hh.shape[0], dtype=x.dtype)
        h = torch.zeros(H, dtype=x.dtype)
        c = torch.zeros(H, dtype=x.dtype)
        hs, cs, gates = [], [], {}
        for t in range(x.shape[0]):
            gi = W_ih @ inputs[t] + b_ih
            gh = W_hh @ h + b_hh
            if mode == "RNN":
                a = gi + gh
                h = torch.tanh(a) if nonlinearity == "tanh" else torch.relu(a)
            elif mode == "LSTM":
                i, f, g, o = (gi + gh).chunk(4)
                i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
                c = f * c + i * g
                h = o * torch.tanh(c)
                c.retain_grad()
                cs.append(c)
                for k, v in zip("ifgo", (i, f, g, o)):
                    gates.setdefault(k, []).append(v)
            else:  # GRU
                ir, iz, inn = gi.chunk(3)
                hr, hz, hn = gh.chunk(3)
                r = torch.sigmoid(ir + hr)
                z = torch.sigmoid(iz + hz)
                n = torch.tanh(inn + r * hn)
                h = (1 - z) * n + z * h
                for k, v in zip("rzn", (r, z, n)):
                    gates.setdefault(k, []).append(v)
            h.retain_grad()
            hs.append(h)
        layers.append({"h": hs, "c": cs, "gates": gates})
        inputs = torch.stack(hs)
    return layers


def answers(net, names, x, target, loss, loss_at, nonlinearity):
    """PyTorch's float64 answers for one sequence, keyed as a fixture's `expected`."""
    net = net.double()
    net.zero_grad()
    embed, rnn, head = net.parts
    seq = embed(x) if embed is not None else x
    layers = unroll(rnn, seq, nonlinearity)
    top = torch.stack(layers[-1]["h"])
    # The hand unroll must be the module's own forward.
    reference, _ = rnn(seq.unsqueeze(1))
    assert torch.allclose(reference.squeeze(1), top, rtol=0, atol=1e-12), "hand unroll differs from the module"
    y = head(top) if head is not None else top
    steps = list(range(x.shape[0])) if loss_at == "every_step" else [x.shape[0] - 1]
    if loss == "mse":
        L = ((y[steps] - target[steps]) ** 2).mean(dim=1).mean()
    else:
        L = F.cross_entropy(y[steps], target[steps])
    L.backward()

    def rows(ts):
        return [v.tolist() for v in ts]

    out_layers = []
    for layer in layers:
        o = {"h": rows(t.detach() for t in layer["h"]), "dh_norms": [t.grad.norm().item() for t in layer["h"]]}
        if layer["c"]:
            o["c"] = rows(t.detach() for t in layer["c"])
            o["dc_norms"] = [t.grad.norm().item() for t in layer["c"]]
        if layer["gates"]:
            o["gates"] = {k: rows(t.detach() for t in v) for k, v in layer["gates"].items()}
        out_layers.append(o)
    params = dict(net.named_parameters())
    grads = {}
    for name in names:
        p = params[name]
        grads[name] = p.grad.tolist() if p.grad is not None else torch.zeros_like(p).tolist()
    expected = {"loss": L.item(), "y": y.detach().tolist(), "layers": out_layers, "grads": grads}
    expected.update(out_layers[-1])
    return expected


def write_csv(path, rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(",".join(repr(float(v)) if not isinstance(v, int) else str(v) for v in r) + "\n")


def make(name, net, x, target, loss, loss_at, nonlinearity="tanh", dtype=torch.float64, prefix=""):
    """Rounds the weights to `dtype`, saves them, and writes the inputs, targets and answers."""
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(p.to(dtype).to(torch.float64))
    state = {prefix + k: v.detach().to(dtype).contiguous() for k, v in net.state_dict().items()}
    save_file(state, os.path.join(HERE, f"{name}.safetensors"))
    # What a user would do: load the file back into a fresh float64 module.
    loaded = load_file(os.path.join(HERE, f"{name}.safetensors"))
    net.load_state_dict({k[len(prefix):]: v.to(torch.float64) for k, v in loaded.items()})
    names = [k[len(prefix):] for k in sorted(state)]
    expected = answers(net, names, x, target, loss, loss_at, nonlinearity)
    expected["grads"] = {prefix + k: v for k, v in expected["grads"].items()}
    flags = ["--loss", loss, "--loss-at", loss_at] + (["--activation", nonlinearity] if nonlinearity != "tanh" else [])
    with open(os.path.join(HERE, f"{name}.json"), "w") as f:
        json.dump({"name": name, "flags": flags, "expected": expected}, f)
    write_csv(os.path.join(HERE, f"{name}.input.csv"), x.tolist() if x.dim() == 2 else [[int(v)] for v in x.tolist()])
    write_csv(os.path.join(HERE, f"{name}.target.csv"), target.tolist() if target.dim() == 2 else [[int(v)] for v in target.tolist()])
    return expected


def fixtures():
    """name → a function that builds the module, the inputs and the targets, and makes the files."""
    def rnn_tanh_long():
        torch.manual_seed(2026)
        net = Net(nn.RNN(3, 16, nonlinearity="tanh", dtype=torch.float64), head=nn.Linear(16, 2, dtype=torch.float64))
        x = torch.randn(200, 3, dtype=torch.float64)
        t = torch.stack([torch.sin(torch.arange(200, dtype=torch.float64) / 7), torch.cos(torch.arange(200, dtype=torch.float64) / 11)], dim=1)
        return make("rnn_tanh_long", net, x, t, "mse", "every_step", prefix="model.")

    def gru_stacked_f16():
        torch.manual_seed(11)
        net = Net(nn.GRU(4, 5, num_layers=2, dtype=torch.float64), head=nn.Linear(5, 3, dtype=torch.float64),
                  names=("embed", "gru", "out"))
        x = torch.randn(9, 4, dtype=torch.float64)
        t = torch.randint(0, 3, (9,))
        return make("gru_stacked_f16", net, x, t, "cross_entropy", "last_step", dtype=torch.float16)

    def lstm_bf16_bare():
        torch.manual_seed(12)
        net = Net(nn.LSTM(2, 4, dtype=torch.float64), names=("embed", "lstm", "head"))
        x = torch.randn(7, 2, dtype=torch.float64)
        t = torch.randn(7, 4, dtype=torch.float64) * 0.5
        # The bare module's own state_dict: weight_ih_l0, … with no prefix at all.
        expected = make("lstm_bf16_bare", net, x, t, "mse", "every_step", dtype=torch.bfloat16)
        state = load_file(os.path.join(HERE, "lstm_bf16_bare.safetensors"))
        save_file({k[len("lstm."):]: v for k, v in state.items()}, os.path.join(HERE, "lstm_bf16_bare.safetensors"))
        expected["grads"] = {k[len("lstm."):]: v for k, v in expected["grads"].items()}
        path = os.path.join(HERE, "lstm_bf16_bare.json")
        with open(path) as f:
            doc = json.load(f)
        doc["expected"] = expected
        with open(path, "w") as f:
            json.dump(doc, f)
        return expected

    def embed_rnn_relu_nobias_head():
        torch.manual_seed(13)
        net = Net(nn.RNN(3, 6, nonlinearity="relu", dtype=torch.float64), embed=nn.Embedding(7, 3, dtype=torch.float64),
                  head=nn.Linear(6, 7, bias=False, dtype=torch.float64), names=("emb", "rnn", "classifier"))
        x = torch.randint(0, 7, (12,))
        t = torch.randint(0, 7, (12,))
        expected = make("embed_rnn_relu_nobias_head", net, x, t, "cross_entropy", "every_step", nonlinearity="relu",
                        prefix="encoder.")
        return expected

    return {"rnn_tanh_long": rnn_tanh_long, "gru_stacked_f16": gru_stacked_f16, "lstm_bf16_bare": lstm_bf16_bare,
            "embed_rnn_relu_nobias_head": embed_rnn_relu_nobias_head}


def worst_relative(a, e):
    """The fixtures' tolerance rule: |a − e| / max(|e|, 1e-12 × the largest |e|)."""
    def flat(v):
        return [z for x in v for z in flat(x)] if isinstance(v, list) else [v]
    if isinstance(e, dict):
        return max([worst_relative(a[k], e[k]) for k in e] + [0.0])
    if isinstance(e, list) and e and isinstance(e[0], dict):
        return max(worst_relative(x, y) for x, y in zip(a, e))
    fa, fe = flat(a), flat(e)
    assert len(fa) == len(fe)
    tiny = max(1e-12 * max(abs(v) for v in fe), 1e-300)
    return max(abs(x - y) / max(abs(y), tiny) for x, y in zip(fa, fe))


def recompute(name):
    """Recomputes a fixture's answers from its committed files, with this script's code."""
    with open(os.path.join(HERE, f"{name}.json")) as f:
        doc = json.load(f)
    flags = dict(zip(doc["flags"][::2], doc["flags"][1::2]))
    state = load_file(os.path.join(HERE, f"{name}.safetensors"))
    keys = sorted(state)
    rec = [k for k in keys if "weight_ih_l0" in k][0]
    rprefix = rec[: -len("weight_ih_l0")]
    whh = state[rprefix + "weight_hh_l0"]
    H = whh.shape[1]
    G = whh.shape[0] // H
    L = 1 + max(int(k.rsplit("_l", 1)[1]) for k in keys if k.startswith(rprefix + "weight_ih_l"))
    bias = (rprefix + "bias_ih_l0") in state
    I = state[rec].shape[1]
    others = [k for k in keys if not k.startswith(rprefix) or k[len(rprefix):].count(".")]
    embed_key = next((k for k in others if "emb" in k), None)
    head_w = next((k for k in others if k.endswith("weight") and k != embed_key), None)
    head_b = next((k for k in others if k.endswith("bias")), None)
    cls = {1: nn.RNN, 3: nn.GRU, 4: nn.LSTM}[G]
    kw = {"nonlinearity": flags.get("--activation", "tanh")} if G == 1 else {}
    rnn = cls(I, H, num_layers=L, bias=bias, dtype=torch.float64, **kw)
    embed = nn.Embedding(*state[embed_key].shape, dtype=torch.float64) if embed_key else None
    head = nn.Linear(H, state[head_w].shape[0], bias=head_b is not None, dtype=torch.float64) if head_w else None
    net = Net(rnn, embed=embed, head=head)
    mapping = {}
    for k in keys:
        if k.startswith(rprefix) and not k[len(rprefix):].count("."):
            mapping["rnn." + k[len(rprefix):]] = k
        elif k == embed_key:
            mapping["embed.weight"] = k
        elif k == head_w:
            mapping["head.weight"] = k
        elif k == head_b:
            mapping["head.bias"] = k
    net.load_state_dict({ours: state[theirs].to(torch.float64) for ours, theirs in mapping.items()})

    def read(path, as_int):
        with open(path) as f:
            rows = [r.strip() for r in f.read().splitlines() if r.strip()]
        if as_int:
            return torch.tensor([int(float(r)) for r in rows])
        return torch.tensor([[float(v) for v in r.split(",")] for r in rows], dtype=torch.float64)

    x = read(os.path.join(HERE, f"{name}.input.csv"), embed is not None)
    t = read(os.path.join(HERE, f"{name}.target.csv"), flags["--loss"] == "cross_entropy")
    expected = answers(net, list(mapping), x, t, flags["--loss"], flags["--loss-at"], flags.get("--activation", "tanh"))
    expected["grads"] = {mapping[k]: v for k, v in expected["grads"].items()}
    return worst_relative(expected, doc["expected"])


def main():
    if "--check" not in sys.argv:
        for name, build in fixtures().items():
            build()
            print(f"wrote {name}")
    for name in REFERENCE + list(fixtures()):
        if os.path.exists(os.path.join(HERE, f"{name}.json")):
            err = recompute(name)
            print(f"{name}: recomputed, worst relative difference {err:.1e}")
            assert err < 1e-10, name


if __name__ == "__main__":
    main()
