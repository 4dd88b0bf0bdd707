package org.selfcare.purchase.document;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import org.selfcare.purchase.document.DocumentRejectedException.Rejection;

/**
 * Parses a PDF with Apache PDFBox and rejects it when it can do more than show pages: JavaScript, an action run
 * when the file opens or on another event, an action that launches a program, opens another file or sends form
 * data, embedded files, XFA forms, or encryption (which hides the content from this check and from the virus
 * scanner). Every object is checked, those the catalogue reaches and those only the cross-reference table lists,
 * because readers differ in which of them they use. Names are compared after PDFBox decodes them, so an escaped
 * name such as {@code /J#53} is caught as {@code /JS}.
 */
final class PdfInspection {

    /** Action types that run code, start programs, reach other files or send data. */
    private static final Map<COSName, String> UNSAFE_ACTIONS = Map.ofEntries(
            Map.entry(COSName.getPDFName("JavaScript"), "a JavaScript action"),
            Map.entry(COSName.getPDFName("Launch"), "a launch action"),
            Map.entry(COSName.getPDFName("GoToR"), "an action that opens another file"),
            Map.entry(COSName.getPDFName("GoToE"), "an action that opens an embedded file"),
            Map.entry(COSName.getPDFName("ImportData"), "a form action that imports data"),
            Map.entry(COSName.getPDFName("SubmitForm"), "a form action that submits data"),
            Map.entry(COSName.getPDFName("ResetForm"), "a form action that resets fields"),
            Map.entry(COSName.getPDFName("Rendition"), "a rendition action"),
            Map.entry(COSName.getPDFName("RichMediaExecute"), "a rich media action"),
            Map.entry(COSName.getPDFName("Movie"), "a movie action"),
            Map.entry(COSName.getPDFName("Sound"), "a sound action"));

    private static final COSName JS = COSName.getPDFName("JS");

    private static final COSName OPEN_ACTION = COSName.getPDFName("OpenAction");

    private static final COSName ADDITIONAL_ACTIONS = COSName.getPDFName("AA");

    private static final COSName EMBEDDED_FILES = COSName.getPDFName("EmbeddedFiles");

    private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");

    private static final COSName EMBEDDED_FILE_STREAMS = COSName.getPDFName("EF");

    private static final COSName XFA = COSName.getPDFName("XFA");

    /**
     * Checks the PDF in {@code content}.
     *
     * @throws DocumentRejectedException when it cannot be parsed, is encrypted or can do more than show pages
     */
    void check(byte[] content) {
        try (PDDocument document = Loader.loadPDF(content, "", null, null, IOUtils.createMemoryOnlyStreamCache())) {
            if (document.isEncrypted()) {
                throw new DocumentRejectedException(Rejection.ENCRYPTED, "encrypted PDF");
            }
            checkObjects(document.getDocument());
        }
        catch (InvalidPasswordException ex) {
            throw new DocumentRejectedException(Rejection.ENCRYPTED, "PDF that needs a password to open", ex);
        }
        catch (IOException ex) {
            throw new DocumentRejectedException(Rejection.UNREADABLE, "PDF that cannot be parsed", ex);
        }
    }

    private static void checkObjects(COSDocument document) {
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<COSBase> pending = new ArrayDeque<>();
        pending.push(document.getTrailer());
        for (COSObjectKey key : document.getXrefTable().keySet()) {
            COSObject object = document.getObjectFromPool(key);
            if (object != null) {
                pending.push(object);
            }
        }

        // Depth-first over the object graph, with a stack of its own so deep nesting cannot overflow the thread's.
        while (!pending.isEmpty()) {
            COSBase next = pending.pop();
            COSBase value = (next instanceof COSObject indirect) ? indirect.getObject() : next;
            if (value == null || !seen.add(value)) {
                continue;
            }
            if (value instanceof COSDictionary dictionary) {
                checkDictionary(dictionary);
                dictionary.getValues().forEach(pending::push);
            }
            else if (value instanceof COSArray array) {
                array.forEach(pending::push);
            }
        }
    }

    private static void checkDictionary(COSDictionary dictionary) {
        if (dictionary.containsKey(JS)) {
            throw unsafe("JavaScript");
        }
        COSName actionType = dictionary.getCOSName(COSName.S);
        if (actionType != null && UNSAFE_ACTIONS.containsKey(actionType)) {
            throw unsafe(UNSAFE_ACTIONS.get(actionType));
        }
        // An open action that is only a destination (an array) shows a page; a dictionary is an action.
        if (dictionary.getDictionaryObject(OPEN_ACTION) instanceof COSDictionary) {
            throw unsafe("an open action");
        }
        if (dictionary.getDictionaryObject(ADDITIONAL_ACTIONS) instanceof COSDictionary actions && actions.size() > 0) {
            throw unsafe("actions run on events (AA)");
        }
        if (dictionary.containsKey(EMBEDDED_FILES) || dictionary.containsKey(EMBEDDED_FILE_STREAMS)
                || EMBEDDED_FILE.equals(dictionary.getCOSName(COSName.TYPE))) {
            throw unsafe("embedded files");
        }
        if (dictionary.containsKey(XFA)) {
            throw unsafe("an XFA form");
        }
    }

    private static DocumentRejectedException unsafe(String what) {
        return new DocumentRejectedException(Rejection.UNSAFE, "PDF with " + what);
    }
}
