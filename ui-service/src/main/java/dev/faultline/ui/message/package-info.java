/**
 * The messages page, its posting form and its JSON twin, each at a chosen protection
 * level.
 */
package dev.faultline.ui.message;
