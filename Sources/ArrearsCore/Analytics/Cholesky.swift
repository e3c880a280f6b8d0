/// Solves a symmetric positive definite system, as each Newton step of a logistic regression needs.
enum Cholesky {
    /// The `x` with `matrix · x = rhs`, `matrix` given as `size × size` values row-major;
    /// `nil` when the matrix is not positive definite.
    static func solve(_ matrix: [Double], _ rhs: [Double], size: Int) -> [Double]? {
        var lower = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i * size + j]
                for k in 0..<j { sum -= lower[i * size + k] * lower[j * size + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    lower[i * size + i] = sum.squareRoot()
                } else {
                    lower[i * size + j] = sum / lower[j * size + j]
                }
            }
        }
        var y = rhs
        for i in 0..<size {
            for k in 0..<i { y[i] -= lower[i * size + k] * y[k] }
            y[i] /= lower[i * size + i]
        }
        for i in stride(from: size - 1, through: 0, by: -1) {
            for k in (i + 1)..<size { y[i] -= lower[k * size + i] * y[k] }
            y[i] /= lower[i * size + i]
        }
        return y
    }
}
