import Leaf

/// `#csrfToken()` in a template: the session's CSRF token for a form's hidden `csrf_token`
/// field, so that any page's form can post without its controller passing the token along.
/// Empty outside a session (a template rendered for no signed-in visitor).
struct CSRFTokenTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let request = ctx.request, request.hasSession else { return .string("") }
        return .string(request.csrfToken())
    }
}
