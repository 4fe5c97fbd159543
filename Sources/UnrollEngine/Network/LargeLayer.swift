/// A recurrent layer too large for the lessons, run over the whole sequence at once so its
/// matrix products are few and big: the input projection W_ih x_t of all T steps in one product
/// before the loop, W_hh packed once for all steps, and the weight gradients Σ_t δ_tᵀ x_t and
/// Σ_t δ_tᵀ h_{t−1} as one product each after the backward loop.
///
/// Taken only when the per-step recurrent product h W_hhᵀ is at least `BLAS.threshold`
/// multiply–adds with every side ≥ 4 (the size at which OpenBLAS already took it), so every
/// lesson model and reference case keeps the step-by-step loops and their exact order of
/// arithmetic. The element-wise parts are the cells' own (`activate`, `deltas`).
enum LargeLayer {
    /// Whether a layer of this shape runs here.
    static func applies(_ cfg: ModelConfig, batch B: Int) -> Bool {
        let H = cfg.hiddenSize, GH = cfg.cell.gateCount * H
        guard B >= 4, H >= 4 else { return false }
        let (bg, o1) = B.multipliedReportingOverflow(by: GH)
        let (bgh, o2) = bg.multipliedReportingOverflow(by: H)
        return !o1 && !o2 && bgh >= BLAS.threshold
    }

    /// Rows of `ms` stacked into one (Σ rows) × cols buffer.
    static func stacked(_ ms: [Matrix]) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(ms.reduce(0) { $0 + $1.count })
        for m in ms { out.append(contentsOf: m.data) }
        return out
    }

    /// T steps forward from (h0, c0) with inputs xs[t] (B × I each).
    static func forward(_ cfg: ModelConfig, _ p: LayerParameters, inputs xs: [Matrix], h0: Matrix, c0: Matrix?) -> [LayerStep] {
        let T = xs.count, B = h0.rows, H = h0.cols, I = p.W_ih.cols, GH = p.W_hh.rows
        // W_ih x_t for every step: (T·B × I) · W_ihᵀ.
        var inputSide = [Double](repeating: 0, count: T * B * GH)
        let x = stacked(xs)
        if I > 0 {
            x.withUnsafeBufferPointer { xp in
                p.W_ih.data.withUnsafeBufferPointer { w in
                    inputSide.withUnsafeMutableBufferPointer { out in
                        GEMM.accumulate(m: T * B, n: GH, k: I, Operand(base: xp.baseAddress!, rowStride: I, colStride: 1),
                                        Operand(base: w.baseAddress!, rowStride: 1, colStride: I), out.baseAddress!, ldc: GH)
                    }
                }
            }
        }
        return p.W_hh.data.withUnsafeBufferPointer { w in
            let wT = Operand(base: w.baseAddress!, rowStride: 1, colStride: H)   // W_hhᵀ, H × GH
            let packed = PackedB(wT, k: H, n: GH)
            var steps: [LayerStep] = []
            steps.reserveCapacity(T)
            var h = h0, c = c0
            for t in 0..<T {
                let slice = (t * B * GH)..<((t + 1) * B * GH)
                // LSTM and RNN sum both sides in one buffer; GRU keeps W_hh h apart (the reset gate scales only it).
                var products = cfg.cell == .gru ? Matrix(rows: B, cols: GH) : Matrix(rows: B, cols: GH, data: Array(inputSide[slice]))
                h.data.withUnsafeBufferPointer { hp in
                    products.data.withUnsafeMutableBufferPointer { out in
                        GEMM.accumulate(m: B, Operand(base: hp.baseAddress!, rowStride: H, colStride: 1),
                                        packed, out.baseAddress!, ldc: GH)
                    }
                }
                let step: LayerStep
                switch cfg.cell {
                case .rnn: step = RNNCell.activate(p, activation: cfg.activation, x: xs[t], products: products)
                case .lstm: step = LSTMCell.activate(p, x: xs[t], products: products, cPrev: c!)
                case .gru: step = GRUCell.activate(p, x: xs[t], hPrev: h, inputSide: Matrix(rows: B, cols: GH, data: Array(inputSide[slice])),
                                                   recurrentSide: products)
                }
                h = step.h
                c = step.c
                steps.append(step)
            }
            return steps
        }
    }

}

extension LargeLayer {
    /// BPTT through the layer: the step loop carries dh (and dc) back with one product per step
    /// (δ_t W_hh, W_hh packed once); the weight and bias gradients and dL/dx_t come after it.
    static func backward(_ cfg: ModelConfig, _ p: LayerParameters, steps: [LayerStep], h0: Matrix, c0: Matrix?,
                         extra: [Matrix], dhFinal: Matrix, dcFinal: Matrix?, truncation k: Int,
                         needInputGradient: Bool, grads gr: inout LayerParameters) -> LayerGradients {
        let T = steps.count, B = h0.rows, H = h0.cols, I = p.W_ih.cols, GH = p.W_hh.rows
        let isLSTM = cfg.cell == .lstm, isGRU = cfg.cell == .gru
        let stepSize = B * GH
        var delta = [Double](repeating: 0, count: T * stepSize)
        var deltaRecurrent = isGRU ? [Double](repeating: 0, count: T * stepSize) : []
        var out = LayerGradients(steps: T, cellState: isLSTM)
        var dhNext = dhFinal, dcNext = dcFinal
        let zero = Matrix(rows: B, cols: H)
        p.W_hh.data.withUnsafeBufferPointer { w in
            let wOp = Operand(base: w.baseAddress!, rowStride: H, colStride: 1)   // W_hh, GH × H
            let packed = PackedB(wOp, k: GH, n: H)
            for t in stride(from: T - 1, through: 0, by: -1) {
                var dh = dhNext
                for i in 0..<dh.count { dh.data[i] += extra[t].data[i] }
                out.dhNorms[t] = dh.frobeniusNorm
                let hPrev = t > 0 ? steps[t - 1].h : h0
                var dhPrev: Matrix
                let deltaRec: Matrix
                switch cfg.cell {
                case .rnn:
                    let d = RNNCell.deltas(activation: cfg.activation, step: steps[t], dh: dh)
                    out.gateNorms[t] = []
                    delta.replaceSubrange((t * stepSize)..<((t + 1) * stepSize), with: d.data)
                    deltaRec = d
                    dhPrev = Matrix(rows: B, cols: H)
                case .lstm:
                    let d = LSTMCell.deltas(p, step: steps[t], cPrev: t > 0 ? steps[t - 1].c! : c0!, dh: dh, dcNext: dcNext!, grads: &gr)
                    out.gateNorms[t] = blockNorms(d.delta, blocks: 4)
                    out.dcNorms![t] = d.dcTotal.frobeniusNorm
                    dcNext = d.dcPrev
                    delta.replaceSubrange((t * stepSize)..<((t + 1) * stepSize), with: d.delta.data)
                    deltaRec = d.delta
                    dhPrev = Matrix(rows: B, cols: H)
                case .gru:
                    let d = GRUCell.deltas(step: steps[t], hPrev: hPrev, dh: dh)
                    out.gateNorms[t] = blockNorms(d.delta, blocks: 3)
                    delta.replaceSubrange((t * stepSize)..<((t + 1) * stepSize), with: d.delta.data)
                    deltaRecurrent.replaceSubrange((t * stepSize)..<((t + 1) * stepSize), with: d.deltaRecurrent.data)
                    deltaRec = d.deltaRecurrent
                    dhPrev = d.direct
                }
                deltaRec.data.withUnsafeBufferPointer { dp in
                    dhPrev.data.withUnsafeMutableBufferPointer { o in
                        GEMM.accumulate(m: B, Operand(base: dp.baseAddress!, rowStride: GH, colStride: 1),
                                        packed, o.baseAddress!, ldc: H)   // dh_{t−1} += δ_r W_hh
                    }
                }
                dhNext = dhPrev
                // Truncated BPTT: the state entering a chunk is treated as a constant.
                if k > 0 && t % k == 0 {
                    dhNext = zero
                    if isLSTM { dcNext = zero }
                }
            }
        }
        out.dh0 = dhNext
        out.dc0 = dcNext

        // Σ_t over the whole sequence at once: dW_hh += Δ_rᵀ [h_0 … h_{T−1}], dW_ih += Δᵀ [x_1 … x_T].
        let hPrevs = stacked([h0] + steps.dropLast().map { $0.h })
        let xs = stacked(steps.map { $0.input })
        let rows = T * B
        let dRec = isGRU ? deltaRecurrent : delta
        dRec.withUnsafeBufferPointer { dr in
            delta.withUnsafeBufferPointer { d in
                let dr = dr.baseAddress!, d = d.baseAddress!
                hPrevs.withUnsafeBufferPointer { hp in
                    gr.W_hh.data.withUnsafeMutableBufferPointer { gw in
                        GEMM.accumulate(m: GH, n: H, k: rows, Operand(base: dr, rowStride: 1, colStride: GH),
                                        Operand(base: hp.baseAddress!, rowStride: H, colStride: 1), gw.baseAddress!, ldc: H)
                    }
                }
                if I > 0 {
                    xs.withUnsafeBufferPointer { xp in
                        gr.W_ih.data.withUnsafeMutableBufferPointer { gw in
                            GEMM.accumulate(m: GH, n: I, k: rows, Operand(base: d, rowStride: 1, colStride: GH),
                                            Operand(base: xp.baseAddress!, rowStride: I, colStride: 1), gw.baseAddress!, ldc: I)
                        }
                    }
                }
                gr.b_ih.withUnsafeMutableBufferPointer { Kernels.addColumnSums(d, $0.baseAddress!, rows: rows, cols: GH) }
                gr.b_hh.withUnsafeMutableBufferPointer { Kernels.addColumnSums(dr, $0.baseAddress!, rows: rows, cols: GH) }
                // dL/dx_t = δ_t W_ih, for the layer below or the embedding.
                if needInputGradient {
                    var dx = [Double](repeating: 0, count: rows * I)
                    if I > 0 {
                        p.W_ih.data.withUnsafeBufferPointer { w in
                            dx.withUnsafeMutableBufferPointer { o in
                                GEMM.accumulate(m: rows, n: I, k: GH, Operand(base: d, rowStride: GH, colStride: 1),
                                                Operand(base: w.baseAddress!, rowStride: I, colStride: 1), o.baseAddress!, ldc: I)
                            }
                        }
                    }
                    out.dx = (0..<T).map { t in Matrix(rows: B, cols: I, data: Array(dx[(t * B * I)..<((t + 1) * B * I)])) }
                }
            }
        }
        return out
    }
}
