package io.leadscore.app.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The answer of a what-if endpoint in MockMvc. They answer asynchronously,
 * and one that runs longer than the heartbeat delay streams its answer (spaces,
 * then the JSON), which takes one more dispatch.
 */
public final class WhatIfAnswers {
    private WhatIfAnswers() {
    }

    public static ResultActions perform(MockMvc mvc, RequestBuilder request) throws Exception {
        ResultActions actions = mvc.perform(request);
        MvcResult result = actions.andReturn();
        while (result.getRequest().isAsyncStarted()) {
            actions = mvc.perform(asyncDispatch(result));
            result = actions.andReturn();
        }
        return actions;
    }
}
