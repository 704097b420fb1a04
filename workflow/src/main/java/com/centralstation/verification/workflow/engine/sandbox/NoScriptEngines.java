package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.dmn.engine.impl.spi.el.DmnScriptEngineResolver;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;

/**
 * No script language at all, for the process engine and its decision tables: a script task, script listener,
 * script condition or mapping, or a decision table entry in a script language (JavaScript, Groovy, and JUEL as a
 * script) fails with "Can't find scripting engine" however it got deployed. Camunda's default resolver finds
 * every JSR-223 engine on the class path.
 */
final class NoScriptEngines implements ScriptEngineResolver, DmnScriptEngineResolver {

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
        throw new UnsupportedOperationException("scripts are off in this service: " + factory.getEngineName() + " is not added");
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
        return new NoEngines();
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
        return null;
    }

    @Override
    public ScriptEngine getScriptEngineForLanguage(String language) {
        return null;
    }

    /** A manager that finds nothing, for whoever asks the engine for one. */
    private static final class NoEngines extends ScriptEngineManager {

        NoEngines() {
            super(null);
        }

        @Override
        public ScriptEngine getEngineByName(String shortName) {
            return null;
        }

        @Override
        public ScriptEngine getEngineByExtension(String extension) {
            return null;
        }

        @Override
        public ScriptEngine getEngineByMimeType(String mimeType) {
            return null;
        }

        @Override
        public java.util.List<ScriptEngineFactory> getEngineFactories() {
            return java.util.List.of();
        }
    }
}
