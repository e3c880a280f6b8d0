/// Why a sample portfolio could not be written.
public enum PortfolioWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A CSV file could not be created or opened for writing.
    case cannotCreateFile(path: String)
    /// Writing to a CSV file failed part-way (a full disk, a removed directory).
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason): "cannot create the directory \(path): \(reason)"
        case .cannotCreateFile(let path): "cannot create the file \(path)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
