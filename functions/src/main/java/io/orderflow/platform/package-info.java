/**
 * The one description of orderflow's resources: tables, queues, functions, workflows and HTTP
 * routes. The CDK app deploys exactly these and the local stack creates exactly these, so the two
 * cannot drift. Nothing here touches AWS.
 */
package io.orderflow.platform;
