/** What the tests of both services share. */
package dev.faultline.testsupport;
