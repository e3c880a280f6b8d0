import Foundation

/// Logistic regression with a ridge penalty, fitted by Newton's method (iteratively
/// reweighted least squares).
///
/// It maximises Σ [y·η − ln(1 + e^η)] − l2/2 · Σ β², η = intercept + Σ β·x, with the
/// intercept unpenalised: scikit-learn's `LogisticRegression(C: 1/l2)`. Each step solves the
/// (p+1)×(p+1) Newton system by Cholesky, halves itself while the penalised log-likelihood
/// would fall, and the fit ends when no coefficient moves by `tolerance` or more. A step
/// costs one pass over the rows, O(rows · p²), spread over the machine's cores in fixed
/// blocks so that the result does not depend on their number.
public enum LogisticRegression {
    public static func fit(_ matrix: DesignMatrix, outcomes: [Bool], l2: Double = 1, maxIterations: Int = 100, tolerance: Double = 1e-9) throws(ScorecardError) -> LogisticFit {
        precondition(outcomes.count == matrix.rows, "one outcome per row")
        let events = outcomes.count { $0 }
        guard matrix.rows > 0 else { throw .emptyData }
        guard events > 0 else { throw .noEvents }
        guard events < matrix.rows else { throw .onlyEvents }
        let size = matrix.columns + 1
        var beta = [Double](repeating: 0, count: size)
        beta[0] = log(Double(events) / Double(matrix.rows - events))
        var current = evaluate(matrix, outcomes, beta, l2: l2)
        for iteration in 1...maxIterations {
            guard let step = Cholesky.solve(current.negativeHessian, current.gradient, size: size) else { throw .singularSystem }
            var scale = 1.0
            var candidate = zip(beta, step).map { $0 + $1 }
            var next = evaluate(matrix, outcomes, candidate, l2: l2)
            var halvings = 0
            while !(next.penalisedLogLikelihood >= current.penalisedLogLikelihood - 1e-12 * abs(current.penalisedLogLikelihood)), halvings < 40 {
                scale /= 2
                halvings += 1
                candidate = zip(beta, step).map { $0 + scale * $1 }
                next = evaluate(matrix, outcomes, candidate, l2: l2)
            }
            let largestMove = step.reduce(0) { max($0, abs(scale * $1)) }
            beta = candidate
            current = next
            if largestMove < tolerance {
                return LogisticFit(coefficients: Array(beta.dropFirst()), intercept: beta[0], iterations: iteration, logLikelihood: current.logLikelihood)
            }
        }
        throw .didNotConverge(iterations: maxIterations)
    }

    /// The probability of the event at the given log-odds.
    public static func probability(logOdds: Double) -> Double { 1 / (1 + exp(-logOdds)) }

    /// The log-likelihood, its gradient and the negative Hessian (all penalised) at `beta`
    /// (intercept first).
    private struct Evaluation {
        var logLikelihood: Double
        var penalisedLogLikelihood: Double
        var gradient: [Double]
        var negativeHessian: [Double]
    }

    private static let blockRows = 1 << 16

    private static func evaluate(_ matrix: DesignMatrix, _ outcomes: [Bool], _ beta: [Double], l2: Double) -> Evaluation {
        let size = beta.count
        let blocks = (matrix.rows + blockRows - 1) / blockRows
        let slots = Slots<Evaluation>(count: blocks)
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            let rows = (block * blockRows)..<min(matrix.rows, (block + 1) * blockRows)
            slots.set(block, evaluateBlock(matrix, outcomes, beta, rows: rows))
        }
        var total = slots.values.reduce(into: Evaluation(logLikelihood: 0, penalisedLogLikelihood: 0, gradient: .init(repeating: 0, count: size), negativeHessian: .init(repeating: 0, count: size * size))) { total, part in
            total.logLikelihood += part.logLikelihood
            for i in 0..<size { total.gradient[i] += part.gradient[i] }
            for i in 0..<(size * size) { total.negativeHessian[i] += part.negativeHessian[i] }
        }
        var penalty = 0.0
        for j in 1..<size {
            penalty += beta[j] * beta[j]
            total.gradient[j] -= l2 * beta[j]
            total.negativeHessian[j * size + j] += l2
            for k in 0..<j { total.negativeHessian[j * size + k] = total.negativeHessian[k * size + j] }
        }
        total.penalisedLogLikelihood = total.logLikelihood - l2 / 2 * penalty
        return total
    }

    /// The unpenalised sums over `rows`; the negative Hessian's upper triangle only.
    private static func evaluateBlock(_ matrix: DesignMatrix, _ outcomes: [Bool], _ beta: [Double], rows: Range<Int>) -> Evaluation {
        let size = beta.count, columns = size - 1
        var logLikelihood = 0.0
        var gradient = [Double](repeating: 0, count: size)
        var hessian = [Double](repeating: 0, count: size * size)
        var z = [Double](repeating: 1, count: size)
        matrix.values.withUnsafeBufferPointer { values in
            beta.withUnsafeBufferPointer { beta in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    hessian.withUnsafeMutableBufferPointer { hessian in
                        z.withUnsafeMutableBufferPointer { z in
                            for row in rows {
                                var eta = beta[0]
                                let start = row * columns
                                for j in 0..<columns {
                                    let x = values[start + j]
                                    z[j + 1] = x
                                    eta += beta[j + 1] * x
                                }
                                let probability = 1 / (1 + exp(-eta))
                                let event = outcomes[row]
                                // ln p = −ln(1 + e^−η), ln(1 − p) = −ln(1 + e^η), computed without overflow.
                                let signed = event ? -eta : eta
                                logLikelihood -= max(signed, 0) + log1p(exp(-abs(signed)))
                                let residual = (event ? 1 : 0) - probability
                                let weight = probability * (1 - probability)
                                for j in 0..<size {
                                    gradient[j] += residual * z[j]
                                    let weighted = weight * z[j]
                                    let offset = j * size
                                    for k in j..<size { hessian[offset + k] += weighted * z[k] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Evaluation(logLikelihood: logLikelihood, penalisedLogLikelihood: logLikelihood, gradient: gradient, negativeHessian: hessian)
    }
}
