package com.centralstation.verification.workflow.engine.sandbox;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** An element's own text as the engine's parser delivers it: its text and CDATA joined, comments dropped. */
final class ModelText {

    private ModelText() {
    }

    static String of(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }
}
