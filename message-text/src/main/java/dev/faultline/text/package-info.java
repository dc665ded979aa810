/**
 * What a message's author and text may be: {@link dev.faultline.text.MessageText} holds
 * the rules, and the constraints {@link dev.faultline.text.Visible},
 * {@link dev.faultline.text.MaxCodePoints} and {@link dev.faultline.text.PlainText} apply
 * them through Bean Validation in both services.
 */
package dev.faultline.text;
