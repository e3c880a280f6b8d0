/// Why a task could not be moved; `field` is the form's field.
public enum ReassignmentError: Error, Equatable, Sendable {
    case notFound(field: String, message: String)
    case invalid(field: String, message: String)
}
