package org.selfcare.purchase.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.purchase.document.DocumentRejectedException.Rejection;
import org.selfcare.purchase.document.StoredDocuments.StoredDocument;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The identity document page, {@code /shop/identity-document}: a form that posts one file in the multipart field
 * {@code document} with the CSRF token. A client that accepts JSON gets 201 with the document's id and type, or
 * the error as JSON; a plain form post is redirected back to the page with the result, or gets the page again
 * with the error. No response links to the stored file, and the client's file name is never read.
 */
@Controller
@ConditionalOnWebApplication
class IdentityDocumentController {

    static final String VIEW = "identity-document";

    private final DocumentUpload upload;

    private final DocumentResponses responses;

    IdentityDocumentController(DocumentUpload upload, DocumentResponses responses) {
        this.upload = upload;
        this.responses = responses;
    }

    @GetMapping(UploadSizeFilter.PATH)
    String form(Model model) {
        model.addAttribute("rules", responses.text("document.rules", responses.maxMegabytes()));
        return VIEW;
    }

    @PostMapping(UploadSizeFilter.PATH)
    Object upload(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestParam(name = "document", required = false) MultipartFile document, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        boolean json = DocumentResponses.wantsJson(request);
        StoredDocument stored;
        try {
            stored = upload.upload(principal.subscriberId(), request.getRemoteAddr(), contentOf(document));
        }
        catch (DocumentRejectedException ex) {
            return json ? jsonError(ex.rejection()) : pageError(ex.rejection(), response, model);
        }

        if (json) {
            return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("documentId", stored.id().toString(), "type", stored.type().mediaType()));
        }
        redirect.addFlashAttribute("uploadedId", stored.id().toString());
        RedirectView view = new RedirectView(UploadSizeFilter.PATH, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }

    private static byte[] contentOf(MultipartFile document) {
        if (document == null) {
            return null;
        }
        try {
            return document.getBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read an uploaded part that the container already parsed", ex);
        }
    }

    private ResponseEntity<Map<String, Object>> jsonError(Rejection rejection) {
        return ResponseEntity.status(rejection.status()).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON).body(responses.errorBody(rejection));
    }

    private ModelAndView pageError(Rejection rejection, HttpServletResponse response, Model model) {
        response.setStatus(rejection.status().value());
        model.addAttribute("rules", responses.text("document.rules", responses.maxMegabytes()));
        model.addAttribute("error", responses.text(rejection));
        return new ModelAndView(VIEW, model.asMap(), rejection.status());
    }
}
