package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading inventory files, with the user-facing error when that fails. */
final class InventoryFiles {
    private InventoryFiles() {}

    static String read(Path file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            text = text.startsWith("\uFEFF") ? text.substring(1) : text;
            if (text.startsWith("$ANSIBLE_VAULT;")) {
                // Ansible would decrypt the whole file; we keep secrets per value so they stay encrypted until used
                throw new BadInput(file, 1, "whole-file vault encryption is not supported",
                        "decrypt the file (ansible-vault decrypt) and encrypt single values with ansible-vault encrypt_string (!vault)");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new BadInput(file, null, "file is not valid UTF-8", "save the file as UTF-8");
        } catch (AccessDeniedException e) {
            throw new BadInput(file, null, "cannot read file: permission denied", "make the file readable (chmod a+r)");
        } catch (IOException e) {
            throw new BadInput(file, null, "cannot read file: " + e.getMessage(), "check the path and its permissions");
        }
    }
}
