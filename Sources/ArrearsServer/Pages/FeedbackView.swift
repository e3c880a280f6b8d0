/// The customer's rating page (`/feedback/:token`): the form, the thanks, or why the link does
/// not work.
enum FeedbackView {
    static func page(_ page: FeedbackPageController.Page) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedOut(t["feedback_title"], words: t, language: page.lang,
                                      languageSwitch: "/feedback/\(page.token)?lang=\(t["switch_language_code"])")
        let body: HTML
        switch page.state {
        case "form":
            body = """
                  <p>\(t["feedback_question"])</p>
                  \(page.error.map { "<p class=\"error\">\($0)</p>" as HTML } ?? "")
                  <form id="rating" method="post" action="/feedback/\(page.token)">
                    <fieldset class="stars">
                \(HTML.each(page.ratings) { "      <label><input type=\"radio\" name=\"rating\" value=\"\($0)\"> \($0)</label>\n" })    </fieldset>
                    <p class="notice">\(t["feedback_scale"])</p>
                    <label for="comment">\(t["feedback_comment"])</label>
                    <textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
                    <button type="submit">\(t["feedback_send"])</button>
                  </form>
                """
        case "thanks": body = "  <p id=\"thanks\">\(t["feedback_thanks"])</p>"
        case "already": body = "  <p id=\"already\">\(t["feedback_already"])</p>"
        case "expired": body = "  <p id=\"expired\" class=\"error\">\(t["link_expired"])</p>"
        default: body = "  <p id=\"invalid\" class=\"error\">\(t["link_invalid"])</p>"
        }
        return layout.page(mainClass: "feedback", """
              <h1>\(t["feedback_title"])</h1>
            \(body)
            """)
    }
}
